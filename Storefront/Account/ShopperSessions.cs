using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Account;

/// <summary>
/// Signed-in shoppers' sessions in the sessions table (key <c>Shopper</c> + <c>SessionId</c>, TTL
/// <c>ExpiresAt</c>), the cookie holding only the session's key (ASP.NET Core's cookie <c>SessionStore</c>). So
/// signing out deletes the session and a copy of the cookie taken before opens nothing afterwards, on every instance
/// (OWASP ASVS 4.0.3, 3.3.1); and an operator can end all of one shopper's sessions with one Query on their id.
/// Each request costs one strongly consistent GetItem (an eventually consistent read could still find a session
/// just ended), except a public page's: it may use this instance's copy of a session it read or wrote itself a few
/// seconds ago (<see cref="SessionCopies"/>, <see cref="AuthOptions.PublicPageSessionReuse"/>).
/// </summary>
public sealed class ShopperSessions(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, SessionCopies copies, TimeProvider clock) : ITicketStore
{
    /// <summary>Between the shopper's id and the session's random part in the cookie's key (a <c>sub</c> is a UUID).</summary>
    private const char Separator = '/';

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var shopper = Shopper.Of(ticket.Principal);
        var key = KeyOf(shopper.Id, RandomNumberGenerator.GetHexString(32, lowercase: true));
        await PutAsync(key, ticket, "attribute_not_exists(SessionId)");
        return key;
    }

    /// <summary>Keeps a session alive past its halfway mark (sliding expiration), unless it has been ended meanwhile.</summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        try
        {
            await PutAsync(key, ticket, "attribute_exists(SessionId)");
        }
        catch (ConditionalCheckFailedException)
        {
            // Signed out (here or everywhere) while this request ran: it stays ended.
            copies.Drop(key);
        }
    }

    /// <summary>
    /// The cookie handler's call (ASP.NET Core's <c>CookieAuthenticationHandler</c> passes the request): a public page
    /// may take this instance's recent copy; every other request reads the session strongly.
    /// </summary>
    public Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        PublicPages.Is(httpContext.Request) && copies.Fresh(key) is { } copy
            ? Task.FromResult<AuthenticationTicket?>(copy)
            : ReadAsync(key, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => ReadAsync(key, CancellationToken.None);

    public async Task RemoveAsync(string key)
    {
        if (Parse(key) is { } parts)
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tables.Value.Sessions, Key = Key(parts.ShopperId, parts.SessionId) });
            copies.Drop(key);
        }
    }

    /// <summary>Ends every session of <paramref name="shopperId"/> at once; how many there were.</summary>
    public async Task<int> EndAllAsync(string shopperId, CancellationToken cancellationToken)
    {
        var ended = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = tables.Value.Sessions,
                KeyConditionExpression = "Shopper = :shopper",
                ExpressionAttributeValues = new() { [":shopper"] = new AttributeValue { S = shopperId } },
                ProjectionExpression = "SessionId",
                ConsistentRead = true,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            await Task.WhenAll((page.Items ?? []).Select(item => dynamo.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tables.Value.Sessions,
                Key = Key(shopperId, item["SessionId"].S),
            }, cancellationToken)));
            foreach (var item in page.Items ?? [])
            {
                copies.Drop(KeyOf(shopperId, item["SessionId"].S));
            }
            ended += page.Items?.Count ?? 0;
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
        return ended;
    }

    /// <summary>Strongly consistent, and this instance's copy follows what it found.</summary>
    private async Task<AuthenticationTicket?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (Parse(key) is not { } parts)
        {
            return null;
        }
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Value.Sessions,
            Key = Key(parts.ShopperId, parts.SessionId),
            ConsistentRead = true,
        }, cancellationToken);
        // TTL removes an expired session within days, not at once.
        if (!response.IsItemSet || long.Parse(response.Item["ExpiresAt"].N, CultureInfo.InvariantCulture) <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            copies.Drop(key);
            return null;
        }
        var ticket = response.Item["Ticket"].B.ToArray();
        copies.Keep(key, ticket);
        return TicketSerializer.Default.Deserialize(ticket);
    }

    private async Task PutAsync(string key, AuthenticationTicket ticket, string condition)
    {
        var (shopperId, sessionId) = Parse(key) ?? throw new ArgumentException("Not a session key.", nameof(key));
        var expiresAt = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().Add(AccountServiceCollectionExtensions.SessionLifetime);
        var item = Key(shopperId, sessionId);
        var serialized = TicketSerializer.Default.Serialize(ticket);
        item["Ticket"] = new AttributeValue { B = new MemoryStream(serialized) };
        item["ExpiresAt"] = new AttributeValue { N = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        await dynamo.PutItemAsync(new PutItemRequest { TableName = tables.Value.Sessions, Item = item, ConditionExpression = condition });
        copies.Keep(key, serialized);
    }

    private static string KeyOf(string shopperId, string sessionId) => $"{shopperId}{Separator}{sessionId}";

    private static (string ShopperId, string SessionId)? Parse(string key) =>
        key.LastIndexOf(Separator) is > 0 and var at && at < key.Length - 1 ? (key[..at], key[(at + 1)..]) : null;

    private static Dictionary<string, AttributeValue> Key(string shopperId, string sessionId) => new()
    {
        ["Shopper"] = new AttributeValue { S = shopperId },
        ["SessionId"] = new AttributeValue { S = sessionId },
    };
}

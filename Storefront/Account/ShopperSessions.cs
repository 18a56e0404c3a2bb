using System.Globalization;
using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Account;

/// <summary>
/// Signed-in shoppers' sessions in the sessions table (key <c>Shopper</c> + <c>SessionId</c>, TTL
/// <c>ExpiresAt</c>), the cookie holding only the session's key (ASP.NET Core's cookie <c>SessionStore</c>). So
/// signing out deletes the session and a copy of the cookie taken before opens nothing afterwards, on every instance
/// (OWASP ASVS 4.0.3, 3.3.1); and an operator can end all of one shopper's sessions with one Query on their id.
/// Each request costs one strongly consistent GetItem: an eventually consistent read could still find a session
/// just ended.
/// </summary>
public sealed class ShopperSessions(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables, TimeProvider clock) : ITicketStore
{
    /// <summary>Between the shopper's id and the session's random part in the cookie's key (a <c>sub</c> is a UUID).</summary>
    private const char Separator = '/';

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var shopper = Shopper.Of(ticket.Principal);
        var key = $"{shopper.Id}{Separator}{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
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
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
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
        });
        // TTL removes an expired session within days, not at once.
        return response.IsItemSet && long.Parse(response.Item["ExpiresAt"].N, CultureInfo.InvariantCulture) > clock.GetUtcNow().ToUnixTimeSeconds()
            ? TicketSerializer.Default.Deserialize(response.Item["Ticket"].B.ToArray())
            : null;
    }

    public async Task RemoveAsync(string key)
    {
        if (Parse(key) is { } parts)
        {
            await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = tables.Value.Sessions, Key = Key(parts.ShopperId, parts.SessionId) });
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
            ended += page.Items?.Count ?? 0;
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);
        return ended;
    }

    private Task PutAsync(string key, AuthenticationTicket ticket, string condition)
    {
        var (shopperId, sessionId) = Parse(key) ?? throw new ArgumentException("Not a session key.", nameof(key));
        var expiresAt = ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().Add(AccountServiceCollectionExtensions.SessionLifetime);
        var item = Key(shopperId, sessionId);
        item["Ticket"] = new AttributeValue { B = new MemoryStream(TicketSerializer.Default.Serialize(ticket)) };
        item["ExpiresAt"] = new AttributeValue { N = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        return dynamo.PutItemAsync(new PutItemRequest { TableName = tables.Value.Sessions, Item = item, ConditionExpression = condition });
    }

    private static (string ShopperId, string SessionId)? Parse(string key) =>
        key.LastIndexOf(Separator) is > 0 and var at && at < key.Length - 1 ? (key[..at], key[(at + 1)..]) : null;

    private static Dictionary<string, AttributeValue> Key(string shopperId, string sessionId) => new()
    {
        ["Shopper"] = new AttributeValue { S = shopperId },
        ["SessionId"] = new AttributeValue { S = sessionId },
    };
}

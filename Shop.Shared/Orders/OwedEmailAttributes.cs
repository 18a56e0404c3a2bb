using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>
/// How the emails the shop owes a shopper are kept on the order item: the string set <c>EmailsOwed</c> (ids of
/// <see cref="OwedEmail"/>), written in the same update as the status change that owes one, so the change and the
/// debt never disagree; and, while the set is not empty, <c>OwesEmail</c> + <c>EmailOwedSince</c>, the keys of the
/// sparse <c>OrdersOwedEmail</c> index through which the worker's sweep finds debts whose message never came (a
/// set cannot be an index key). An email is sent under a claim (<c>OwedEmailClaim</c> + <c>OwedEmailClaimedAt</c>,
/// one per order at a time) and leaves the set once sent: sent exactly when it leaves, so exactly once.
/// </summary>
internal static class OwedEmailAttributes
{
    public const string Owing = "OWED";

    /// <summary>For a status change's <c>SET</c> clause.</summary>
    public const string SetExpression = "OwesEmail = :owesEmail, EmailOwedSince = :emailOwedSince";

    /// <summary>For its <c>ADD</c> clause.</summary>
    public const string AddExpression = "EmailsOwed :owedEmail";

    /// <summary>Adds the values <see cref="SetExpression"/> and <see cref="AddExpression"/> need to <paramref name="values"/>.</summary>
    public static Dictionary<string, AttributeValue> Owe(Dictionary<string, AttributeValue> values, OwedEmail email, DateTimeOffset now)
    {
        values[":owesEmail"] = new AttributeValue { S = Owing };
        values[":emailOwedSince"] = OrderItem.Time(now);
        values[":owedEmail"] = Set(email);
        return values;
    }

    public static AttributeValue Set(OwedEmail email) => new() { SS = [email.Id] };

    public static IReadOnlyList<OwedEmail> Of(Dictionary<string, AttributeValue> item) =>
        (item.GetValueOrDefault("EmailsOwed")?.SS ?? []).Select(id => OwedEmail.TryParse(id, out var email) ? email : null).OfType<OwedEmail>().ToList();
}

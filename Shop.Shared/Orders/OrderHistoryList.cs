using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>
/// How an order's history is stored: the list <c>StatusHistory</c> on the order item, one map per status change
/// (<c>Status</c>, <c>At</c>, <c>By</c>, and <c>Who</c> and <c>Note</c> when given). Each transition appends its
/// step in the same conditional update that changes the status, so the two never disagree.
/// </summary>
internal static class OrderHistoryList
{
    public const string Attribute = "StatusHistory";

    /// <summary>Appends to the list, which orders placed before it existed do not have yet.</summary>
    public const string AppendExpression = "StatusHistory = list_append(if_not_exists(StatusHistory, :noHistory), :step)";

    public static Dictionary<string, AttributeValue> AppendValues(OrderEvent step) => new()
    {
        [":noHistory"] = new AttributeValue { L = [], IsLSet = true },
        [":step"] = ToList([step]),
    };

    public static AttributeValue ToList(IEnumerable<OrderEvent> steps) => new()
    {
        L = steps.Select(step =>
        {
            var map = new Dictionary<string, AttributeValue>
            {
                ["Status"] = new AttributeValue { S = OrderItem.StatusText(step.Status) },
                ["At"] = OrderItem.Time(step.At),
                ["By"] = new AttributeValue { S = step.By.ToString().ToUpperInvariant() },
            };
            if (!string.IsNullOrEmpty(step.Who)) map["Who"] = new AttributeValue { S = step.Who };
            if (!string.IsNullOrEmpty(step.Note)) map["Note"] = new AttributeValue { S = step.Note };
            return new AttributeValue { M = map };
        }).ToList(),
        IsLSet = true,
    };

    public static IReadOnlyList<OrderEvent>? FromItem(Dictionary<string, AttributeValue> item) =>
        item.GetValueOrDefault(Attribute)?.L?.Select(step => new OrderEvent(
            Enum.Parse<OrderStatus>(step.M["Status"].S, ignoreCase: true),
            OrderItem.ParseTime(step.M["At"])!.Value,
            Enum.Parse<OrderActor>(step.M["By"].S, ignoreCase: true),
            step.M.GetValueOrDefault("Who")?.S,
            step.M.GetValueOrDefault("Note")?.S)).ToList();
}

using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>What asking for a status change came to, with the order as it now is (null when there is no such order).</summary>
public sealed record TransitionResult(bool Done, Order? Order);

public sealed partial class OrderStore
{
    /// <summary>CONFIRMED → SHIPPED with its shipment, once; refused in any other status (the answer says which). Like
    /// every status change after confirmation, it owes the shopper an email (<see cref="OwedEmailAttributes"/>).</summary>
    public Task<TransitionResult> ShipAsync(Order order, Shipment shipment, OrderEvent shipped, CancellationToken cancellationToken)
    {
        var values = OrderHistoryList.AppendValues(shipped);
        values[":shipment"] = OrderItem.ToMap(shipment);
        return TransitionAsync(order, OrderStatus.Confirmed, shipped, "Shipment = :shipment", values, cancellationToken);
    }

    /// <summary>SHIPPED → DELIVERED, once.</summary>
    public Task<TransitionResult> DeliverAsync(Order order, OrderEvent delivered, CancellationToken cancellationToken) =>
        TransitionAsync(order, OrderStatus.Shipped, delivered, null, OrderHistoryList.AppendValues(delivered), cancellationToken);

    private async Task<TransitionResult> TransitionAsync(Order order, OrderStatus from, OrderEvent step, string? alsoSet,
        Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        values[":from"] = OrderItem.Status(from);
        values[":to"] = OrderItem.Status(step.Status);
        OwedEmailAttributes.Owe(values, OwedEmail.For(step.Status)!, step.At);
        var (done, item) = await UpdateIfAsync(order.ShopperId, order.OrderId,
            $"SET #status = :to, {OrderHistoryList.AppendExpression}, {OwedEmailAttributes.SetExpression}{(alsoSet is null ? "" : ", " + alsoSet)} ADD {OwedEmailAttributes.AddExpression}",
            "attribute_exists(SortKey) AND #status = :from", values, cancellationToken, names: new() { ["#status"] = "Status" });
        return new TransitionResult(done, item is null ? null : OrderItem.FromItem(item));
    }
}

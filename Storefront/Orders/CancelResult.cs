using Shop.Shared.Orders;

namespace Storefront.Orders;

/// <summary>What asking to cancel an order came to.</summary>
public abstract record CancelResult
{
    public sealed record Cancelled(Order Order) : CancelResult;

    /// <summary>No such order for this shopper (someone else's is not found either).</summary>
    public sealed record NotFound : CancelResult;

    /// <summary>The order had moved on (shipped, delivered, or cancelled already, perhaps a moment ago by someone
    /// else): nothing changed.</summary>
    public sealed record NotAllowed(Order Order) : CancelResult
    {
        public string Message => Order.Status switch
        {
            OrderStatus.Cancelled => $"Order {Order.OrderId} is already cancelled.",
            OrderStatus.Shipped => $"Order {Order.OrderId} has been shipped, so it can no longer be cancelled.",
            OrderStatus.Delivered => $"Order {Order.OrderId} has been delivered, so it can no longer be cancelled.",
            _ => $"Order {Order.OrderId} cannot be cancelled now.",
        };
    }

    /// <summary>Too much contention or a dependency down: nothing changed; try again.</summary>
    public sealed record TryAgain : CancelResult;
}

using Shop.Shared.Orders;

namespace Storefront.Checkout;

/// <summary>What a checkout attempt came to. Expected outcomes are values; exceptions are for the unexpected.</summary>
public abstract record CheckoutResult
{
    /// <param name="Replayed">True when the idempotency key had placed this order before.</param>
    public sealed record Accepted(Order Order, bool Replayed) : CheckoutResult;

    /// <summary>The request broke a rule (quantities, line count, unknown product); the messages say which.</summary>
    public sealed record Invalid(IReadOnlyList<string> Errors) : CheckoutResult;

    public sealed record OutOfStock(string ProductId, string ProductName, int Available) : CheckoutResult;

    /// <summary>Too much contention or a dependency down: nothing was written; the shopper can try again.</summary>
    public sealed record TryAgain(string Reason) : CheckoutResult;
}

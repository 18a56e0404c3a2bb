using System.Security.Claims;
using Shop.Shared.Orders;

namespace Storefront.Checkout;

/// <summary>A line as the shopper asks for it: which product and how many. Never a price.</summary>
public sealed record RequestedLine(string ProductId, int Quantity);

/// <summary>The signed-in shopper: Cognito's <c>sub</c> identifies them, <c>email</c> gets the confirmation.</summary>
public sealed record Shopper(string Id, string Email)
{
    public static Shopper? From(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") is { Length: > 0 } sub && user.FindFirstValue("email") is { Length: > 0 } email
            ? new Shopper(sub, email)
            : null;
}

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

using System.Security.Claims;

namespace Storefront.Shopping;

/// <summary>The signed-in shopper: Cognito's <c>sub</c> identifies them, <c>email</c> gets the confirmation.</summary>
public sealed record Shopper(string Id, string Email)
{
    public static Shopper? From(ClaimsPrincipal user) =>
        user.FindFirstValue(ShopperClaims.Subject) is { Length: > 0 } sub && user.FindFirstValue(ShopperClaims.Email) is { Length: > 0 } email
            ? new Shopper(sub, email)
            : null;

    /// <summary>The shopper of a page that requires sign-in: the session always carries both claims.</summary>
    public static Shopper Of(ClaimsPrincipal user) =>
        From(user) ?? throw new InvalidOperationException("A signed-in shopper has sub and email claims.");
}

using System.Security.Claims;

namespace Storefront.Shopping;

/// <summary>The claims a shopper's session keeps, as Cognito names them.</summary>
public static class ShopperClaims
{
    /// <summary>The shopper's id: stable, and the key of everything the shop keeps for them.</summary>
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Groups = "cognito:groups";

    /// <summary>Only what the shop uses, so the cookie stays small; the rest of the id token is dropped.</summary>
    public static ClaimsPrincipal Keep(ClaimsPrincipal issued, string authenticationType) => new(new ClaimsIdentity(
        issued.Claims.Where(c => c.Type is Subject or Email or Groups).Select(c => new Claim(c.Type, c.Value)),
        authenticationType, Email, Groups));
}

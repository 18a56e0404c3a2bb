using Microsoft.AspNetCore.Authorization;
using Storefront.Account;
using Storefront.Shopping;

namespace Storefront.Operations;

/// <summary>
/// Who may operate the shop: members of the Cognito group <c>admin</c>, whose ID token lists it in the
/// <c>cognito:groups</c> claim (one claim per group once signed in). Everyone else gets the ordinary "Page not found"
/// (<see cref="HiddenWhenRefused"/>), signed in or not.
/// </summary>
public static class AdminOnly
{
    public const string Policy = "Admin";
    public const string AdminGroup = "admin";

    public static void Configure(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireClaim(ShopperClaims.Groups, AdminGroup).AddRequirements(new HiddenWhenRefused());
}

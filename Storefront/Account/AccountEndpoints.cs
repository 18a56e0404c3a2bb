using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Storefront.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// The header's "Sign in" and "Create account" links: open the hosted UI's sign-in or sign-up page, and come back
    /// to <c>returnUrl</c> afterwards if it is a path on this shop (anything else returns to the home page).
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/signin", (string? returnUrl) => ChallengeHostedUi(returnUrl, signUp: false));
        endpoints.MapGet("/account/signup", (string? returnUrl) => ChallengeHostedUi(returnUrl, signUp: true));
        return endpoints;
    }

    private static ChallengeHttpResult ChallengeHostedUi(string? returnUrl, bool signUp)
    {
        var properties = new AuthenticationProperties { RedirectUri = LocalPathOrHome(returnUrl) };
        if (signUp)
        {
            properties.Items[HostedUiEvents.SignUpItem] = "true";
        }
        return TypedResults.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
    }

    /// <summary>A path on this shop (<c>/cart?x=1</c>), never another site: not <c>//host</c>, <c>/\host</c> or a URL.</summary>
    public static string LocalPathOrHome(string? returnUrl) =>
        returnUrl is ['/', ..] && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\')) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}

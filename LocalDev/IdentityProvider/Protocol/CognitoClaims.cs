using System.Security.Claims;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using LocalDev.IdentityProvider.Users;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>The claims Cognito puts in its tokens, and which token each goes to (<c>token_use</c>, which differs
/// between the two, is added by <see cref="TokenUse"/>).</summary>
public static class CognitoClaims
{
    public const string Groups = "cognito:groups";
    public const string Username = "cognito:username";

    public static ClaimsPrincipal For(LocalUser user, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Email, Groups);
        identity.AddClaim(Claims.Subject, user.Sub);
        // With email as the sign-in name, Cognito's username is an opaque id: the sub.
        identity.AddClaim(Username, user.Sub);
        identity.AddClaim(Claims.Email, user.Email);
        identity.AddClaim(Claims.EmailVerified, user.Confirmed);
        if (user.Groups.Count > 0)
        {
            // Always a JSON array, even with one group, as Cognito sends it.
            identity.AddClaim(new Claim(Groups, JsonSerializer.Serialize(user.Groups), JsonClaimValueTypes.JsonArray));
        }
        identity.AddClaim("username", user.Sub);
        identity.SetDestinations(Destinations);

        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(scopes);
        return principal;
    }

    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject or Groups => [OpenIddictConstants.Destinations.IdentityToken, OpenIddictConstants.Destinations.AccessToken],
        Claims.Email or Claims.EmailVerified or Username => [OpenIddictConstants.Destinations.IdentityToken],
        "username" => [OpenIddictConstants.Destinations.AccessToken],
        _ => [],
    };
}

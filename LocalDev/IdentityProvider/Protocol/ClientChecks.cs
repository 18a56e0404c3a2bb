using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// What degraded mode leaves to the host: only the registered client, with its secret, its callback URLs, and each
/// authorization code once. OpenIddict still validates everything else (PKCE, code signature, expiry, presenter).
/// </summary>
public sealed class ClientChecks(IOptions<ProviderOptions> options, SingleUseCodes codes) :
    IOpenIddictServerHandler<ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5); // Cognito's

    public ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        var client = options.Value;
        if (context.ClientId != client.ClientId)
        {
            context.Reject(Errors.InvalidClient, "The client_id is not registered with this user pool.");
        }
        else if (!client.RedirectUris.Contains(context.RedirectUri ?? "", StringComparer.Ordinal))
        {
            // Rejected here, the error is shown on the provider's own page and never sent to the unregistered URI.
            context.Reject(Errors.InvalidRequest, "redirect_mismatch: the redirect_uri is not registered for this client.");
        }
        return default;
    }

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        var client = options.Value;
        if (context.Request.ClientId != client.ClientId || !SameSecret(context.Request.ClientSecret, client.ClientSecret))
        {
            context.Reject(Errors.InvalidClient, "Client authentication failed.");
        }
        else if (context.Request.IsAuthorizationCodeGrantType() && !codes.TryRedeem(context.Request.Code!, CodeLifetime))
        {
            context.Reject(Errors.InvalidGrant, "The authorization code has already been used.");
        }
        return default;
    }

    private static bool SameSecret(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

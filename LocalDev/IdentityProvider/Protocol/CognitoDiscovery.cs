using System.Collections.Immutable;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// Trims OpenIddict's discovery document to what a Cognito user pool advertises, so a client that works here relies
/// on nothing Cognito lacks: no pushed authorization, no end-session endpoint, S256 PKCE, client secrets only.
/// </summary>
public sealed class CognitoDiscovery : IOpenIddictServerHandler<ApplyConfigurationResponseContext>
{
    private static readonly HashSet<string> Advertised =
    [
        Metadata.Issuer, Metadata.AuthorizationEndpoint, Metadata.TokenEndpoint, Metadata.UserInfoEndpoint, Metadata.JwksUri,
        Metadata.ResponseTypesSupported, Metadata.ScopesSupported, Metadata.SubjectTypesSupported,
        Metadata.IdTokenSigningAlgValuesSupported, Metadata.TokenEndpointAuthMethodsSupported,
        Metadata.CodeChallengeMethodsSupported,
    ];

    public ValueTask HandleAsync(ApplyConfigurationResponseContext context)
    {
        if (context.Error is not null)
        {
            return default;
        }
        foreach (var (name, _) in context.Response.GetParameters().ToList())
        {
            if (!Advertised.Contains(name))
            {
                context.Response.RemoveParameter(name);
            }
        }
        context.Response[Metadata.TokenEndpointAuthMethodsSupported] =
            ImmutableArray.Create<string?>(ClientAuthenticationMethods.ClientSecretBasic, ClientAuthenticationMethods.ClientSecretPost);
        context.Response[Metadata.CodeChallengeMethodsSupported] = ImmutableArray.Create<string?>(CodeChallengeMethods.Sha256);
        return default;
    }
}

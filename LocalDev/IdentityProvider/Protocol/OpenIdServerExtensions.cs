using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LocalDev.IdentityProvider.Protocol;

public static class OpenIdServerExtensions
{
    /// <summary>
    /// OpenIddict in degraded mode (no database), shaped like a Cognito user pool: the issuer and its discovery
    /// document and JWKS under <c>/{userPoolId}</c>, the OAuth endpoints under <c>/oauth2/</c>, code flow only, no
    /// pushed authorization or end-session endpoint. Degraded mode leaves client, secret and redirect URI checks and
    /// single-use codes to us: <see cref="ClientChecks"/>.
    /// </summary>
    public static IHostApplicationBuilder AddOpenIdServer(this IHostApplicationBuilder builder, ProviderOptions provider)
    {
        builder.Services.AddSingleton<SingleUseCodes>();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.EnableDegradedMode();
            options.SetIssuer(provider.Issuer);
            options.SetConfigurationEndpointUris($"{provider.UserPoolId}/.well-known/openid-configuration")
                .SetJsonWebKeySetEndpointUris($"{provider.UserPoolId}/.well-known/jwks.json")
                .SetAuthorizationEndpointUris("oauth2/authorize")
                .SetTokenEndpointUris("oauth2/token")
                .SetUserInfoEndpointUris("oauth2/userInfo");
            options.AllowAuthorizationCodeFlow();
            options.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            options.SetAuthorizationCodeLifetime(ClientChecks.CodeLifetime)
                .SetAccessTokenLifetime(TimeSpan.FromHours(1))
                .SetIdentityTokenLifetime(TimeSpan.FromHours(1));

            options.AddSigningKey(SigningKey.LoadOrCreate(provider.DataDirectory));
            // Only authorization codes are encrypted; a key that dies with the process is enough for them.
            options.AddEphemeralEncryptionKey();
            // Cognito's access tokens are plain signed JWTs.
            options.DisableAccessTokenEncryption();

            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .DisableTransportSecurityRequirement(); // plain http on loopback

            options.AddEventHandler<ValidateAuthorizationRequestContext>(handler => handler.UseSingletonHandler<ClientChecks>());
            options.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseSingletonHandler<ClientChecks>());
            options.AddEventHandler(TokenUse.Descriptor);
            options.AddEventHandler<ApplyConfigurationResponseContext>(handler => handler.UseSingletonHandler<CognitoDiscovery>()
                .SetOrder(int.MinValue + 50_000)); // before OpenIddict writes the document
        });
        return builder;
    }
}

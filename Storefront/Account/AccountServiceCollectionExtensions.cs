using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Account;

public static class AccountServiceCollectionExtensions
{
    /// <summary>Half a day of inactivity signs a shopper out; each visit past the halfway mark renews it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Shoppers sign in through the Cognito hosted UI (OpenID Connect, code flow with PKCE, confidential client) and
    /// then hold a small session cookie naming their session, kept server-side (<see cref="ShopperSessions"/>) so
    /// that signing out ends it everywhere. No tokens are kept. The orders API signs in with access tokens instead
    /// (<see cref="AccessTokens"/>).
    /// </summary>
    public static IHostApplicationBuilder AddAccount(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => o.IsOriginOnly, "Auth:PublicOrigin must be an origin only, e.g. https://shop.example.com")
            .Validate(o => development || o.UsesHttps, "Auth:Authority and Auth:PublicOrigin must use https outside Development")
            .ValidateOnStart();

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                // A protected page sends the shopper straight to the hosted UI, and back to that page afterwards.
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect();
        builder.Services.AddOptions<TableOptions>().Validate(t => t.Sessions.Length > 0, "Tables:Sessions is required").ValidateOnStart();
        builder.Services.AddSingleton<SessionCopies>();
        builder.Services.AddSingleton<ShopperSessions>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, ShopperSessions>((cookie, auth, sessions) =>
            {
                ConfigureSessionCookie(cookie, auth.Value);
                cookie.SessionStore = sessions;
            });
        builder.Services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, ILoggerFactory>((oidc, auth, logs) => ConfigureHostedUi(oidc, auth.Value, logs));
        builder.Services.AddAntiforgery();
        builder.Services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<AuthOptions>>((antiforgery, auth) =>
            {
                if (auth.Value.ServedOverHttps)
                {
                    antiforgery.Cookie.Name = "__Host-shop-antiforgery";
                    antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                }
            });
        builder.Services.AddAuthorization();
        // htmx requests for a page that needs sign-in navigate the whole window to sign in; operator pages hide.
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, RefusedRequests>();
        builder.AddAccessTokens();
        return builder;
    }

    /// <summary>
    /// Serves every request as if on the public origin (so redirect URIs and cookies are built for the host shoppers
    /// see, behind CloudFront and API Gateway), then authenticates it. Forwarded headers are never trusted: the
    /// public origin is configuration. A signed-in shopper's answers are never stored (<see cref="SignedInResponses"/>).
    /// </summary>
    public static WebApplication UseAccount(this WebApplication app)
    {
        var origin = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.PublicOriginUri;
        app.Use((context, next) =>
        {
            context.Request.Scheme = origin.Scheme;
            context.Request.Host = new HostString(origin.Authority); // no default port: URIs must match those registered
            return next(context);
        });
        app.UseAuthentication();
        app.UseNoStoreForSignedInShoppers();
        app.UseAuthorization();
        return app;
    }

    private static void ConfigureSessionCookie(CookieAuthenticationOptions cookie, AuthOptions auth)
    {
        // __Host-: the browser only keeps it if Secure, host-only and Path=/, so no subdomain can plant or read it.
        cookie.Cookie.Name = auth.ServedOverHttps ? "__Host-shop-session" : "shop-session";
        cookie.Cookie.Path = "/";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = auth.ServedOverHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = SessionLifetime;
        cookie.SlidingExpiration = true;
    }

    private static void ConfigureHostedUi(OpenIdConnectOptions oidc, AuthOptions auth, ILoggerFactory logs)
    {
        oidc.Authority = auth.Authority;
        oidc.RequireHttpsMetadata = new Uri(auth.Authority).Scheme == Uri.UriSchemeHttps;
        oidc.ClientId = auth.ClientId;
        oidc.ClientSecret = auth.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;
        // Cognito answers with a redirect (query), and only a top-level GET carries SameSite=Lax cookies back.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        // Cognito has no pushed authorization endpoint.
        oidc.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        oidc.Scope.Clear();
        foreach (var scope in new[] { "openid", "email", "profile" })
        {
            oidc.Scope.Add(scope);
        }
        // Claims keep Cognito's names: sub is the shopper, email addresses mail, cognito:groups gives roles.
        oidc.MapInboundClaims = false;
        oidc.TokenValidationParameters.NameClaimType = ShopperClaims.Email;
        oidc.TokenValidationParameters.RoleClaimType = ShopperClaims.Groups;
        // The id token is all the shop needs; keeping no tokens keeps the cookie small.
        oidc.SaveTokens = false;
        oidc.GetClaimsFromUserInfoEndpoint = false;
        // The correlation and nonce cookies default to SameSite=None, which needs Secure and so fails over plain
        // http locally; Lax is enough with the query response mode.
        foreach (var cookie in new[] { oidc.CorrelationCookie, oidc.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        // No library name and version in every authorize URL.
        oidc.DisableTelemetry = true;
        oidc.Events = new HostedUiEvents(auth, logs.CreateLogger<HostedUiEvents>());
    }
}

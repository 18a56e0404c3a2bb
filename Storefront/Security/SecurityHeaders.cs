using Microsoft.Extensions.Options;
using Storefront.Account;
using Storefront.Site;

namespace Storefront.Security;

/// <summary>
/// The headers every Storefront response carries: pages, htmx partials, static files, redirects and error pages.
/// The policy allows only the shop's own scripts, styles and images (no inline script or style anywhere: htmx is
/// configured by its meta tag, and its indicator styles live in site.css), forms that post to the shop or to the
/// identity provider, and no framing.
/// </summary>
public static class SecurityHeaders
{
    public static IServiceCollection AddShopSecurityHeaders(this IServiceCollection services)
    {
        services.AddSecurityHeaderPolicies((policies, provider) => policies.SetDefaultPolicy(
            For(provider.GetRequiredService<IOptions<AuthOptions>>().Value, provider.GetRequiredService<ShopOptions>())));
        // Outermost, so the headers reach responses that middleware added in Program.cs ends early: static files,
        // the exception handler's and status code pages' error pages, redirects of the sign-in handlers.
        services.AddTransient<IStartupFilter, OutermostSecurityHeaders>();
        return services;
    }

    public static HeaderPolicyCollection For(AuthOptions auth, ShopOptions shop)
    {
        // Sign-in sends forms to the hosted UI (a challenge after a POST), and sign-out's POST redirects to its
        // /logout and back: browsers hold every hop of a form's redirect chain to form-action.
        var identityProvider = new[] { auth.Authority, auth.CognitoDomain }.Select(Origin).Distinct().ToList();
        // In AWS static files come from the shop's own CloudFront domain; a StaticBaseUrl on another host needs it here.
        var assets = Uri.TryCreate(shop.StaticBaseUrl, UriKind.Absolute, out var staticUrl) && staticUrl.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? [Origin(staticUrl.AbsoluteUri)] : new List<string>();
        var policy = new HeaderPolicyCollection()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().From(assets);
                csp.AddStyleSrc().Self().From(assets);
                csp.AddImgSrc().Self().Data().From(assets);
                csp.AddConnectSrc().Self();
                csp.AddFormAction().Self().From(identityProvider);
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().Self();
                csp.AddObjectSrc().None();
            })
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddFrameOptionsDeny()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddCrossOriginResourcePolicy(corp => corp.SameOrigin())
            .RemoveServerHeader();
        if (auth.ServedOverHttps)
        {
            // By configuration, not by the request: behind CloudFront and the Lambda Web Adapter the app itself is
            // reached over plain http, so the library's own HSTS (https requests only) would never send it.
            policy.AddCustomHeader("Strict-Transport-Security", "max-age=31536000");
        }
        return policy;
    }

    private static string Origin(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);

    private sealed class OutermostSecurityHeaders : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
            next(app);
        };
    }
}

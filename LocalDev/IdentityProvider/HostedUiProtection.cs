using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LocalDev.IdentityProvider;

/// <summary>
/// What the hosted UI does against abuse, as Cognito's does in its own way: the same kind of headers as the shop's
/// (a Content-Security-Policy with no inline style or script, no framing), and a limit on the form posts that try
/// passwords and send codes (sign-in, sign-up, confirm, forgot and reset password), per client IP address.
/// </summary>
public static class HostedUiProtection
{
    public const string StylesheetPath = "/hosted-ui.css";
    private const string FormPostsPolicy = "hosted-ui-form-posts";

    public static IHostApplicationBuilder AddHostedUiProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSecurityHeaderPolicies((policies, services) => policies.SetDefaultPolicy(
            Headers(services.GetRequiredService<IOptions<ProviderOptions>>().Value)));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy<string, FormPostsPerClient>(FormPostsPolicy);
        });
        // Every hosted-UI page; only POSTs count (see FormPostsPerClient), so showing a page is never limited.
        builder.Services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddFolderApplicationModelConvention(
            "/", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(FormPostsPolicy))));
        return builder;
    }

    /// <summary>First in the pipeline, so every answer has the headers; the limiter runs once routing picked a page.</summary>
    public static WebApplication UseHostedUiProtection(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        // The pages' styles, served as a file because the policy refuses inline styles.
        app.MapGet(StylesheetPath, () => Results.Text(Stylesheet, "text/css"));
        return app;
    }

    private static HeaderPolicyCollection Headers(ProviderOptions provider)
    {
        // After a sign-in the provider redirects the form's POST on to an app's callback; browsers hold every hop
        // of that chain to form-action, so the registered apps' origins are allowed too.
        var apps = provider.RedirectUris.Concat(provider.LogoutUris)
            .Select(uri => new Uri(uri).GetLeftPart(UriPartial.Authority)).Distinct().ToList();
        return new HeaderPolicyCollection()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddFormAction().Self().From(apps);
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().Self();
                csp.AddObjectSrc().None();
            })
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .AddFrameOptionsDeny();
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var window = rejected.HttpContext.RequestServices.GetRequiredService<IOptions<ProviderOptions>>().Value.FormPostWindow;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
        var response = rejected.HttpContext.Response;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        // Cognito's words for the same refusal.
        await response.WriteAsync(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many attempts · Local sign-in</title>" +
            $"<link rel=\"stylesheet\" href=\"{StylesheetPath}\"></head><body><h1>Too many attempts</h1>" +
            "<p class=\"error\" role=\"alert\">Attempt limit exceeded, please try after some time.</p>" +
            "<p>Go back and try again in a minute.</p></body></html>", cancellationToken);
    }

    /// <summary>POSTs per client IP address. Showing pages is free; trying passwords and sending codes is not.</summary>
    private sealed class FormPostsPerClient(IOptions<ProviderOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            HttpMethods.IsPost(httpContext.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    (httpContext.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.Value.FormPostsPerWindow,
                        Window = options.Value.FormPostWindow,
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("");
    }

    private const string Stylesheet = """
        body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
        .dev-banner { background: #fff4d6; border: 1px solid #e8c66a; padding: .5rem .75rem; font-size: .85rem; }
        label { display: block; margin-top: 1rem; }
        input { width: 100%; padding: .5rem; box-sizing: border-box; }
        button { margin-top: 1rem; padding: .5rem 1rem; }
        .error { color: #a40000; } .notice { color: #1d6b1d; }
        """;
}

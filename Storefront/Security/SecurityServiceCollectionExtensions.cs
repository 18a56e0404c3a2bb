using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Shop.Shared.Observability;

namespace Storefront.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Safe defaults for a shop on the open internet: security headers on every response, request size limits,
    /// rate limits on checkout, and error answers that give a reference id and nothing internal.
    /// </summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddShopSecurityHeaders();
        builder.AddCloudFrontOrigin(); // after the headers' startup filter, so a refusal gets them too
        // Whether to compress over HTTPS is a security decision (BREACH): made here, with the other defaults.
        CompressedPages.AddTo(builder.Services);
        builder.Services.AddShopRateLimits();
        builder.Services.Configure<RazorPagesOptions>(pages => pages.Conventions.ConfigureFilter(new UnknownHandlers()));
        // JSON with <, >, & and quotes escaped (other text as is), so a response mistaken for HTML (a proxy that
        // drops nosniff) carries no live tag.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All));

        // Kestrel's own limits are the backstop for what RequestGuard does not see first (it also serves in Lambda,
        // behind the Web Adapter). Locally and in Lambda no Server header names the stack.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes;
        });
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<RequestLimitOptions>>((form, limits) =>
        {
            form.ValueCountLimit = limits.Value.MaxFormFields;
            form.ValueLengthLimit = (int)limits.Value.MaxBodyBytes;
            form.MultipartBodyLengthLimit = limits.Value.MaxBodyBytes;
        });

        // A problem under /api names the request's correlation id, as the error page does, to find its log lines
        // (and puts back the header, which the exception handler clears with the failed response's headers).
        builder.Services.Configure<ProblemDetailsOptions>(problems => problems.CustomizeProblemDetails = problem =>
        {
            var correlationId = problem.HttpContext.GetCorrelationId();
            problem.ProblemDetails.Extensions["correlationId"] = correlationId;
            problem.HttpContext.Response.Headers[RequestContext.CorrelationIdHeader] = correlationId;
        });
        return builder;
    }

    /// <summary>Outside Development, only requests that carry CloudFront's origin secret are served (<see cref="CloudFrontOrigin"/>).</summary>
    private static void AddCloudFrontOrigin(this IHostApplicationBuilder builder)
    {
        var enforced = !builder.Environment.IsDevelopment();
        var inLambda = ObservabilityExtensions.RunsInLambda(builder.Configuration);
        builder.Services.AddOptions<CloudFrontOptions>().BindConfiguration(CloudFrontOptions.Section)
            .Validate(o => !enforced || !inLambda || o.OriginSecret.Length >= CloudFrontOptions.MinimumSecretLength,
                $"CloudFront:OriginSecret must be set in Lambda outside Development ({CloudFrontOptions.MinimumSecretLength}+ characters)")
            .ValidateOnStart();
        if (enforced)
        {
            builder.Services.AddTransient<IStartupFilter, CloudFrontOriginStartupFilter>();
        }
    }

    /// <summary>Before sign-in, which reads the shopper's session from DynamoDB: an outage there is a 503 too.</summary>
    public static WebApplication UseOutageGuard(this WebApplication app)
    {
        app.UseMiddleware<OutageGuard>();
        return app;
    }

    /// <summary>After sign-in (limits are per shopper) and routing (they are per endpoint), before any endpoint.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<RequestGuard>();
        app.UseRateLimiter();
        return app;
    }
}

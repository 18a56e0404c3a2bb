using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Storefront.Account;
using Storefront.Shopping;

namespace Storefront.Security;

/// <summary>
/// ASP.NET Core's rate limiter on what is costly to repeat: placing orders, per shopper. Beyond the limit the answer
/// is 429 with Retry-After: the friendly page for a browser, problem details for a program that asked for JSON.
/// </summary>
public static class ShopRateLimits
{
    public const string CheckoutPolicy = "checkout";

    public static IServiceCollection AddShopRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy<string, PerShopperCheckouts>(CheckoutPolicy);
        });
        services.Configure<RazorPagesOptions>(pages => pages.Conventions.AddPageApplicationModelConvention(
            "/Checkout/Index", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(CheckoutPolicy))));
        return services;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ShopRateLimits).FullName!)
            .LogWarning("Rate limit reached: {Method} {Path} by {Shopper}", http.Request.Method, http.Request.Path, http.User.FindFirstValue(ShopperClaims.Subject));
        if (http.Request.Path.StartsWithSegments("/api") || PrefersJson(http.Request))
        {
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "Please wait a moment before trying again." },
            });
        }
        // Otherwise no body: the status code pages show the shop's friendly page.
    }

    private static bool PrefersJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.OrderByDescending(a => a.Quality ?? 1).FirstOrDefault() is { } first
        && (first.MediaType.Value?.EndsWith("json", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>
    /// POST <c>/checkout</c> and POST <c>/api/orders</c>, per signed-in shopper (the API's bearer token is already
    /// authenticated here, by the endpoint's authorization policy); showing the checkout page costs nothing extra.
    /// </summary>
    private sealed class PerShopperCheckouts(IOptions<RateLimitOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
            HttpMethods.IsPost(httpContext.Request.Method) && httpContext.User.FindFirstValue(ShopperClaims.Subject) is { Length: > 0 } shopper
                ? RateLimitPartition.GetFixedWindowLimiter(shopper, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.Value.CheckoutsPerWindow,
                    Window = options.Value.Window,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("");
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Storefront.Security;

/// <summary>
/// The HTTP API's own URL is public, so a request could reach the Storefront past CloudFront and its headers policy.
/// CloudFront adds a secret header to every request it sends the API; outside Development a request without it is
/// answered 403 before anything else runs. <c>/healthz</c> is exempt: the Web Adapter's readiness check comes from
/// inside the function, not through CloudFront.
/// </summary>
public sealed class CloudFrontOrigin(RequestDelegate next, IOptions<CloudFrontOptions> options, ILogger<CloudFrontOrigin> logger)
{
    public const string SecretHeader = "X-Origin-Verify";

    // Both sides are hashed so the comparison takes the same time whatever the length or content of a guess.
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.OriginSecret));

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) || CarriesSecret(context.Request.Headers[SecretHeader]))
        {
            return next(context);
        }
        logger.LogInformation("Refused {Method} {Path} with 403: it did not come through CloudFront", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private bool CarriesSecret(StringValues values) =>
        values is [{ } value] && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(value)), _expected);
}

/// <summary>Puts <see cref="CloudFrontOrigin"/> first in the pipeline when a secret is configured.</summary>
internal sealed class CloudFrontOriginStartupFilter(IOptions<CloudFrontOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.OriginSecret.Length > 0)
        {
            app.UseMiddleware<CloudFrontOrigin>();
        }
        next(app);
    };
}

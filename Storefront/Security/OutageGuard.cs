using System.Globalization;
using Storefront.Site;

namespace Storefront.Security;

/// <summary>
/// A dependency down, throttled or missing (<see cref="DependencyOutage"/>) gets 503 "try again" with Retry-After,
/// never a 500. It wraps sign-in too, which reads the shopper's session from DynamoDB
/// (<see cref="Account.ShopperSessions"/>). The answer has no body, so the status code pages outside it render the
/// shop's friendly page (or problem details under <c>/api</c>).
/// </summary>
public sealed class OutageGuard(RequestDelegate next, ILogger<OutageGuard> logger)
{
    private const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DependencyOutage.Is(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "{Method} {Path} answered 503: a dependency is unavailable", context.Request.Method, context.Request.Path);
            RequestGuard.Answer(context, StatusCodes.Status503ServiceUnavailable);
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}

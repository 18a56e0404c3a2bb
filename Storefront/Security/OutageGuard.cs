using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Storefront.Errors;
using Storefront.Site;

namespace Storefront.Security;

/// <summary>
/// A dependency down, throttled or missing (<see cref="DependencyOutage"/>) gets 503 "try again" with Retry-After,
/// never a 500. It wraps sign-in too, which reads the shopper's session from DynamoDB
/// (<see cref="Account.ShopperSessions"/>). The answer has no body, so the status code pages outside it render the
/// shop's friendly page (or problem details under <c>/api</c>). When that page cannot render either (a signed-in
/// shopper's session is unreadable, and the error page signs in too), it answers a plain busy page of its own (for
/// htmx, the message alone).
/// </summary>
public sealed class OutageGuard(RequestDelegate next, ILogger<OutageGuard> logger)
{
    private const int RetryAfterSeconds = 5;

    private const string BusyPage = $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{ErrorModel.BusyTitle}</title></head>
        <body><main><h1>{ErrorModel.BusyTitle}</h1><p>{ErrorModel.BusyMessage}</p></main></body></html>
        """;

    /// <summary>The same for htmx, shaped as the error page answers htmx (<c>Errors/Error.cshtml</c>).</summary>
    private const string BusyPart =
        $"""<span class="problem" role="alert"><strong>{ErrorModel.BusyTitle}.</strong> {ErrorModel.BusyMessage}</span>""";

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
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(HtmxResponses.WantsPart(context.Request) ? BusyPart : BusyPage, context.RequestAborted);
            }
        }
    }
}

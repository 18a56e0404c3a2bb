using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Shop.Shared.Observability;

namespace Storefront.Security;

/// <summary>
/// Turns what a shopper cannot fix into a clear 4xx, never a 500: requests over the size limits are refused before
/// anything reads them; a body that turns out too large or malformed while being read (Kestrel's
/// <see cref="BadHttpRequestException"/>) gets its own status. (A dependency outage is <see cref="OutageGuard"/>'s.)
/// Each answer has no body, so the status code pages outside it render the shop's friendly page (or problem details
/// under <c>/api</c>).
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IOptions<RequestLimitOptions> options, ILogger<RequestGuard> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limits = options.Value;
        // A page that takes uploads says how much it takes ([RequestSizeLimit]); everything else gets the shop's limit.
        var maxBody = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limits.MaxBodyBytes;
        // An error page re-executed for a refused request still carries that request's headers and body.
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is null && Refuse(context.Request, limits, maxBody) is { } status)
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: over the request limits", context.Request.Method, context.Request.Path, status);
            Answer(context, status);
            return;
        }
        // Kestrel enforces the body limit as it reads, which also covers chunked bodies that declare no length.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBody;
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            logger.LogInformation("Refused {Method} {Path} with {Status}: {Reason}", context.Request.Method, context.Request.Path, e.StatusCode, e.Message);
            Answer(context, e.StatusCode);
        }
    }

    private static int? Refuse(HttpRequest request, RequestLimitOptions limits, long maxBody)
    {
        if (request.ContentLength > maxBody)
        {
            return StatusCodes.Status413PayloadTooLarge;
        }
        if (request.QueryString.Value?.Length > limits.MaxQueryStringLength)
        {
            return StatusCodes.Status414UriTooLong;
        }
        var headerBytes = 0L;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + values.Sum(v => v?.Length ?? 0);
        }
        return headerBytes > limits.MaxHeadersBytes ? StatusCodes.Status431RequestHeaderFieldsTooLarge : null;
    }

    /// <summary>A status and no body, nor any header the failed part had set; the request's body is never read.</summary>
    internal static void Answer(HttpContext context, int status)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.Headers[RequestContext.CorrelationIdHeader] = context.GetCorrelationId();
        // The error page is re-executed with this request; it must not read the refused body either.
        context.Request.Body = Stream.Null;
        context.Request.ContentLength = 0;
    }
}

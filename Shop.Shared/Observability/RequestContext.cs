using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shop.Shared.Observability;

/// <summary>
/// The ids that tie log lines together, put in log scopes around each request so every line the request logs carries
/// them. The correlation id starts at a Storefront request and travels with the order (stored on it, an SQS message
/// attribute, the worker's scope per record): that is how one order's story is read across both functions.
/// </summary>
public static class RequestContext
{
    public const string CorrelationIdHeader = "X-Correlation-Id";
    public const string CorrelationIdProperty = "CorrelationId";
    public const string AwsRequestIdProperty = "AwsRequestId";

    /// <summary>The Lambda Web Adapter forwards the invocation's context as JSON in this header (<c>request_id</c>).</summary>
    public const string LambdaContextHeader = "x-amzn-lambda-context";

    private static readonly object ItemKey = new();

    /// <summary>The request's correlation id: the caller's <c>X-Correlation-Id</c> when valid, else a new one.</summary>
    public static string GetCorrelationId(this HttpContext context) =>
        context.Items[ItemKey] as string ?? throw new InvalidOperationException("UseCorrelationId() has not run for this request.");

    /// <summary>
    /// Accepts what a caller may reasonably send (a GUID, a ULID, an upstream request id) and nothing that could break
    /// a log line, a header or an SQS attribute.
    /// </summary>
    public static bool IsValidCorrelationId(string? value) =>
        value is { Length: >= 8 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    public static string NewCorrelationId() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// Storefront: takes the caller's <c>X-Correlation-Id</c> when valid (else makes one), echoes it in the response,
    /// tags the request's span with it and puts it in a log scope around the request.
    /// </summary>
    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestContext).FullName!);
        return app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[CorrelationIdHeader].ToString();
            var correlationId = IsValidCorrelationId(incoming) ? incoming : NewCorrelationId();
            context.Items[ItemKey] = correlationId;
            context.Response.Headers[CorrelationIdHeader] = correlationId;
            Activity.Current?.SetTag("shop.correlation_id", correlationId);
            using (logger.BeginScope(new Dictionary<string, object?> { [CorrelationIdProperty] = correlationId }))
            {
                await next(context);
            }
        });
    }

    /// <summary>
    /// Both functions: puts the Lambda request id (the one in Lambda's own START/END/REPORT lines) in a log scope around
    /// the request, so a slow or failed invocation leads to its log lines. Locally there is no such header.
    /// </summary>
    public static IApplicationBuilder UseLambdaRequestId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestContext).FullName!);
        return app.Use(async (context, next) =>
        {
            if (LambdaRequestId(context.Request.Headers[LambdaContextHeader].ToString()) is not { } requestId)
            {
                await next(context);
                return;
            }
            using (logger.BeginScope(new Dictionary<string, object?> { [AwsRequestIdProperty] = requestId }))
            {
                await next(context);
            }
        });
    }

    private static string? LambdaRequestId(string lambdaContext)
    {
        if (string.IsNullOrEmpty(lambdaContext))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(lambdaContext);
            return document.RootElement.TryGetProperty("request_id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // Not from the adapter; the request is served all the same.
        }
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderWorker.Sweep;

namespace OrderWorker.Queue;

public static class OrderEventsEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IHostApplicationBuilder AddOrderEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderEventBatch>();
        builder.Services.AddOptions<QueuePollingOptions>().BindConfiguration(QueuePollingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient<FunctionInvocation>();
        builder.Services.AddSingleton<OrderQueuePoller>();
        // Locally nothing invokes the function, so the app polls the queue itself and POSTs each batch to /events.
        if (builder.Configuration.GetValue<bool>($"{QueuePollingOptions.Section}:{nameof(QueuePollingOptions.Enabled)}"))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderQueuePoller>());
        }
        return builder;
    }

    /// <summary>
    /// <c>POST /events</c>: every non-HTTP event the Lambda Web Adapter receives. An SQS batch is answered with the
    /// records that failed; the sweep schedule's event re-sends stuck orders.
    /// </summary>
    public static IEndpointRouteBuilder MapOrderEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/events", async Task<Results<Ok<BatchResponse>, Ok<SweepResponse>, ProblemHttpResult>> (
            HttpRequest request, OrderEventBatch batch, PendingOrderSweep sweep, CancellationToken cancellationToken) =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException)
            {
                return TypedResults.Problem("The body is not JSON.", statusCode: StatusCodes.Status400BadRequest);
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out _))
                {
                    var sqsEvent = root.Deserialize<SqsEvent>(Json);
                    return TypedResults.Ok(await batch.HandleAsync(sqsEvent?.Records ?? [], cancellationToken));
                }
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("source", out var source) && source.ValueEquals("aws.events"))
                {
                    return TypedResults.Ok(new SweepResponse(await sweep.ResendStuckOrdersAsync(cancellationToken)));
                }
                return TypedResults.Problem("Expected an SQS event (Records) or a scheduled event.", statusCode: StatusCodes.Status400BadRequest);
            }
        });
        return endpoints;
    }
}

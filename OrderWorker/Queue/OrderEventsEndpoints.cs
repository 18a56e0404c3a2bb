using Microsoft.AspNetCore.Http.HttpResults;

namespace OrderWorker.Queue;

public static class OrderEventsEndpoints
{
    public static IHostApplicationBuilder AddOrderEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderEventBatch>();
        builder.Services.AddSingleton<OrderQueuePoller>();
        builder.Services.AddOptions<QueuePollingOptions>().BindConfiguration(QueuePollingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Locally nothing invokes the function, so the app polls the queue itself and feeds the same batch handler.
        if (builder.Configuration.GetValue<bool>($"{QueuePollingOptions.Section}:{nameof(QueuePollingOptions.Enabled)}"))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OrderQueuePoller>());
        }
        return builder;
    }

    /// <summary><c>POST /events</c>: an SQS batch from the Lambda Web Adapter; answers the records that failed.</summary>
    public static IEndpointRouteBuilder MapOrderEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/events", async Task<Results<Ok<BatchResponse>, BadRequest<string>>> (SqsEvent? sqsEvent, OrderEventBatch batch, CancellationToken cancellationToken) =>
        {
            if (sqsEvent?.Records is null)
            {
                return TypedResults.BadRequest("Expected an SQS event with Records.");
            }
            return TypedResults.Ok(await batch.HandleAsync(sqsEvent.Records, cancellationToken));
        });
        return endpoints;
    }
}

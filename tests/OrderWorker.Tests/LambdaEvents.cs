using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrderWorker.Tests;

/// <summary>Events as the Lambda Web Adapter POSTs them to /events: Lambda's own JSON, "Records" capitalised.</summary>
public static class LambdaEvents
{
    public static JsonContent Sqs(params (string MessageId, string Body)[] records) => Sqs(records, correlationId: null);

    /// <summary>Records that carry the <c>CorrelationId</c> attribute, as the Storefront sends them.</summary>
    public static JsonContent Sqs((string MessageId, string Body) record, string correlationId) => Sqs([record], correlationId);

    private static JsonContent Sqs((string MessageId, string Body)[] records, string? correlationId) => JsonContent.Create(new JsonObject
    {
        ["Records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
        {
            ["messageId"] = r.MessageId,
            ["receiptHandle"] = $"receipt-{r.MessageId}",
            ["body"] = r.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = correlationId is null ? new JsonObject() : new JsonObject
            {
                ["CorrelationId"] = new JsonObject { ["stringValue"] = correlationId, ["dataType"] = "String" },
            },
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:OrdersQueue",
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    });

    public static JsonContent Schedule() => JsonContent.Create(new JsonObject
    {
        ["version"] = "0",
        ["source"] = "aws.events",
        ["detail-type"] = "Scheduled Event",
        ["detail"] = new JsonObject(),
    });
}

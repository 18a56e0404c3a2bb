using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace OrderWorker.Tests;

/// <summary>Events as the Lambda Web Adapter POSTs them to /events: Lambda's own JSON, "Records" capitalised.</summary>
public static class LambdaEvents
{
    public static JsonContent Sqs(params (string MessageId, string Body)[] records) => Sqs(records, correlationId: null);

    /// <summary>Records that carry the <c>CorrelationId</c> attribute, as the Storefront sends them.</summary>
    public static JsonContent Sqs((string MessageId, string Body) record, string correlationId) => Sqs([record], correlationId);

    /// <summary>A record that also carries its <c>MessageType</c> attribute, as every message the shop sends does.</summary>
    public static JsonContent Sqs((string MessageId, string Body) record, string correlationId, string messageType) => Sqs([record], correlationId, messageType);

    private static JsonContent Sqs((string MessageId, string Body)[] records, string? correlationId, string? messageType = null) => JsonContent.Create(new JsonObject
    {
        ["Records"] = new JsonArray(records.Select(r => (JsonNode)new JsonObject
        {
            ["messageId"] = r.MessageId,
            ["receiptHandle"] = $"receipt-{r.MessageId}",
            ["body"] = r.Body,
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1" },
            ["messageAttributes"] = Attributes(("CorrelationId", correlationId), ("MessageType", messageType)),
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:000000000000:OrdersQueue",
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    });

    private static JsonObject Attributes(params (string Name, string? Value)[] attributes)
    {
        var json = new JsonObject();
        foreach (var (name, value) in attributes.Where(a => a.Value is not null))
        {
            json[name] = new JsonObject { ["stringValue"] = value, ["dataType"] = "String" };
        }
        return json;
    }

    public static JsonContent Schedule() => JsonContent.Create(new JsonObject
    {
        ["version"] = "0",
        ["source"] = "aws.events",
        ["detail-type"] = "Scheduled Event",
        ["detail"] = new JsonObject(),
    });
}

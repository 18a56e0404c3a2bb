using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Observability;

namespace Shop.Shared.Orders;

/// <summary>
/// Puts accepted orders on the orders queue for the worker. The correlation id and the W3C trace context travel as
/// message attributes, so the worker's logs and spans continue the checkout's.
/// </summary>
public sealed class OrderQueue(IAmazonSQS sqs, IOptions<QueueOptions> queues)
{
    public async Task<string> SendAsync(OrderPlaced order, string correlationId, CancellationToken cancellationToken)
    {
        using var activity = MessageTracing.StartSend(OrderPlaced.MessageType, queues.Value.Orders, correlationId);
        var attributes = new Dictionary<string, MessageAttributeValue>
        {
            ["MessageType"] = new() { DataType = "String", StringValue = OrderPlaced.MessageType },
            ["ContractVersion"] = new() { DataType = "String", StringValue = OrderPlaced.ContractVersion },
            ["CorrelationId"] = new() { DataType = "String", StringValue = correlationId },
        };
        foreach (var (name, value) in MessageTracing.ContextAttributes(activity ?? System.Diagnostics.Activity.Current))
        {
            attributes[name] = new() { DataType = "String", StringValue = value };
        }
        var response = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.Value.Orders,
            MessageBody = order.ToJson(),
            MessageAttributes = attributes,
        }, cancellationToken);
        activity?.SetTag("messaging.message.id", response.MessageId);
        return response.MessageId;
    }
}

using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Observability;

namespace Shop.Shared.Orders;

/// <summary>
/// Puts the worker's work on the orders queue: accepted orders, and emails that status changes owe. The message type
/// and contract version, the correlation id and the W3C trace context travel as message attributes, so the worker
/// knows what it reads and its logs and spans continue the request's that caused the message.
/// </summary>
public sealed class OrderQueue(IAmazonSQS sqs, IOptions<QueueOptions> queues)
{
    public Task<string> SendAsync(OrderPlaced order, string correlationId, CancellationToken cancellationToken) =>
        SendAsync(OrderPlaced.MessageType, OrderPlaced.ContractVersion, order.ToJson(), correlationId, cancellationToken);

    public Task<string> SendAsync(OrderEmailDue email, string correlationId, CancellationToken cancellationToken) =>
        SendAsync(OrderEmailDue.MessageType, OrderEmailDue.ContractVersion, email.ToJson(), correlationId, cancellationToken);

    private async Task<string> SendAsync(string type, string version, string body, string correlationId, CancellationToken cancellationToken)
    {
        using var activity = MessageTracing.StartSend(type, queues.Value.Orders, correlationId);
        var attributes = new Dictionary<string, MessageAttributeValue>
        {
            ["MessageType"] = new() { DataType = "String", StringValue = type },
            ["ContractVersion"] = new() { DataType = "String", StringValue = version },
            ["CorrelationId"] = new() { DataType = "String", StringValue = correlationId },
        };
        foreach (var (name, value) in MessageTracing.ContextAttributes(activity ?? System.Diagnostics.Activity.Current))
        {
            attributes[name] = new() { DataType = "String", StringValue = value };
        }
        var response = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.Value.Orders,
            MessageBody = body,
            MessageAttributes = attributes,
        }, cancellationToken);
        activity?.SetTag("messaging.message.id", response.MessageId);
        return response.MessageId;
    }
}

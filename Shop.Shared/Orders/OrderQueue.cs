using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Shop.Shared.Orders;

/// <summary>Puts accepted orders on the orders queue for the worker; the correlation id travels as an attribute.</summary>
public sealed class OrderQueue(IAmazonSQS sqs, IOptions<QueueOptions> queues)
{
    public async Task<string> SendAsync(OrderPlaced order, string correlationId, CancellationToken cancellationToken)
    {
        var response = await sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = queues.Value.Orders,
            MessageBody = order.ToJson(),
            MessageAttributes = new Dictionary<string, MessageAttributeValue>
            {
                ["MessageType"] = new() { DataType = "String", StringValue = OrderPlaced.MessageType },
                ["ContractVersion"] = new() { DataType = "String", StringValue = OrderPlaced.ContractVersion },
                ["CorrelationId"] = new() { DataType = "String", StringValue = correlationId },
            },
        }, cancellationToken);
        return response.MessageId;
    }
}

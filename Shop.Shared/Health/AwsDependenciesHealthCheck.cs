using Amazon.DynamoDBv2;
using Amazon.SQS;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Shop.Shared.Health;

/// <summary>Ready when the products table and the orders queue answer.</summary>
public sealed class AwsDependenciesHealthCheck(
    IAmazonDynamoDB dynamo, IAmazonSQS sqs, IOptions<TableOptions> tables, IOptions<QueueOptions> queues) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await dynamo.DescribeTableAsync(tables.Value.Products, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"DynamoDB table '{tables.Value.Products}' is not reachable: {e.GetType().Name}");
        }
        try
        {
            await sqs.GetQueueAttributesAsync(queues.Value.Orders, ["QueueArn"], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"SQS queue '{queues.Value.Orders}' is not reachable: {e.GetType().Name}");
        }
        return HealthCheckResult.Healthy();
    }
}

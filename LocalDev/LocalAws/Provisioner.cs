using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.S3;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace LocalDev.LocalAws;

/// <summary>Creates the template's tables, queues and buckets in the emulators. Safe to run again: what exists is kept,
/// and an index the template gained since is added to the existing table (so a kept local database follows the
/// template). Without <paramref name="s3"/> (tools that make scratch tables and queues) buckets are left alone.</summary>
public sealed class Provisioner(IAmazonDynamoDB dynamo, IAmazonSQS sqs, LocalStackNames names, IAmazonS3? s3 = null)
{
    public async Task ProvisionAsync(ServerlessTemplate template, CancellationToken cancellationToken)
    {
        if (s3 is not null && template.Buckets.Count > 0)
        {
            // s3rver answers a second PutBucket with BucketAlreadyExists: make only the missing ones.
            var existing = (await s3.ListBucketsAsync(cancellationToken)).Buckets?.Select(b => b.BucketName).ToHashSet() ?? [];
            foreach (var bucket in template.Buckets.Select(LocalStackNames.BucketName).Where(b => !existing.Contains(b)))
            {
                await s3.PutBucketAsync(bucket, cancellationToken);
            }
        }
        foreach (var table in template.Tables)
        {
            await EnsureTableAsync(table, cancellationToken);
        }
        // Dead-letter queues first: a redrive policy must name an existing queue.
        foreach (var queue in template.Queues.OrderBy(q => q.DeadLetterQueueLogicalId is null ? 0 : 1))
        {
            await EnsureQueueAsync(queue, cancellationToken);
        }
    }

    private async Task EnsureTableAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        TableDescription? existing = null;
        try
        {
            existing = (await dynamo.DescribeTableAsync(table.LogicalId, cancellationToken)).Table;
        }
        catch (Amazon.DynamoDBv2.Model.ResourceNotFoundException)
        {
        }
        var attributes = table.AttributeTypes.Select(a => new AttributeDefinition(a.Key, a.Value)).ToList();
        if (existing is not null)
        {
            foreach (var missing in table.GlobalSecondaryIndexes.Where(i => existing.GlobalSecondaryIndexes?.Any(e => e.IndexName == i.Name) != true))
            {
                await dynamo.UpdateTableAsync(new UpdateTableRequest
                {
                    TableName = table.LogicalId,
                    AttributeDefinitions = attributes,
                    GlobalSecondaryIndexUpdates = [new() { Create = new CreateGlobalSecondaryIndexAction
                    {
                        IndexName = missing.Name, KeySchema = missing.Key.Select(ToKeyElement).ToList(), Projection = ToProjection(missing),
                    } }],
                }, cancellationToken);
            }
            return;
        }

        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table.LogicalId,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = attributes,
            KeySchema = table.Key.Select(ToKeyElement).ToList(),
            GlobalSecondaryIndexes = table.GlobalSecondaryIndexes.Count == 0 ? null : table.GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.Name,
                KeySchema = i.Key.Select(ToKeyElement).ToList(),
                Projection = ToProjection(i),
            }).ToList(),
        }, cancellationToken);

        if (table.TimeToLiveAttribute is { } ttl)
        {
            await dynamo.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = table.LogicalId,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttl, Enabled = true },
            }, cancellationToken);
        }
    }

    private static Projection ToProjection(IndexDefinition index) => new()
    {
        ProjectionType = index.ProjectionType,
        NonKeyAttributes = index.NonKeyAttributes.Count == 0 ? null : index.NonKeyAttributes.ToList(),
    };

    private static Amazon.DynamoDBv2.Model.KeySchemaElement ToKeyElement(KeyElement key) =>
        new(key.AttributeName, key.KeyType == "HASH" ? KeyType.HASH : KeyType.RANGE);

    private async Task EnsureQueueAsync(QueueDefinition queue, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, string>();
        if (queue.VisibilityTimeout is { } visibility)
        {
            attributes["VisibilityTimeout"] = visibility.ToString(CultureInfo.InvariantCulture);
        }
        if (queue.MessageRetentionPeriod is { } retention)
        {
            attributes["MessageRetentionPeriod"] = retention.ToString(CultureInfo.InvariantCulture);
        }
        if (queue.DeadLetterQueueLogicalId is { } deadLetter)
        {
            attributes["RedrivePolicy"] = JsonSerializer.Serialize(new
            {
                deadLetterTargetArn = names.QueueArn(deadLetter),
                maxReceiveCount = queue.MaxReceiveCount ?? 10,
            });
        }

        string url;
        try
        {
            url = (await sqs.GetQueueUrlAsync(queue.LogicalId, cancellationToken)).QueueUrl;
        }
        catch (QueueDoesNotExistException)
        {
            await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = queue.LogicalId, Attributes = attributes }, cancellationToken);
            return;
        }
        // An existing queue takes the template's current settings (what CloudFormation would do on update).
        if (attributes.Count > 0)
        {
            await sqs.SetQueueAttributesAsync(url, attributes, cancellationToken);
        }
    }
}

using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;

namespace LocalDev.Tests;

[Collection(EmulatorsCollection.Name)]
public sealed class ProvisioningTests(EmulatorsFixture emulators)
{
    private static readonly ServerlessTemplate Template = ServerlessTemplate.Load(RepoPaths.Template);

    [Fact]
    public async Task Provisioning_creates_exactly_the_tables_the_template_declares_with_their_keys_and_indexes()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        using var dynamo = emulators.Names.DynamoDb();

        var tables = (await dynamo.ListTablesAsync()).TableNames;
        Assert.Equal(Template.Tables.Select(t => t.LogicalId).Order(), tables.Order());
        Assert.Contains("ProductsTable", tables);

        foreach (var declared in Template.Tables)
        {
            var actual = (await dynamo.DescribeTableAsync(declared.LogicalId)).Table;
            Assert.Equal(declared.Key.Select(k => (k.AttributeName, k.KeyType)),
                actual.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
            Assert.Equal(declared.AttributeTypes.OrderBy(a => a.Key),
                actual.AttributeDefinitions.Select(a => KeyValuePair.Create(a.AttributeName, a.AttributeType.Value)).OrderBy(a => a.Key));
            Assert.Equal(declared.GlobalSecondaryIndexes.Select(i => i.Name).Order(),
                (actual.GlobalSecondaryIndexes ?? []).Select(i => i.IndexName).Order());
            var ttl = (await dynamo.DescribeTimeToLiveAsync(declared.LogicalId)).TimeToLiveDescription;
            Assert.Equal(declared.TimeToLiveAttribute, ttl.TimeToLiveStatus == "ENABLED" ? ttl.AttributeName : null);
        }
    }

    [Fact]
    public async Task Provisioning_creates_the_templates_buckets_which_take_an_object_as_the_sdk_sends_it()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        using var s3 = emulators.Names.S3();

        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None); // again: what exists is kept

        var buckets = (await s3.ListBucketsAsync()).Buckets.Select(b => b.BucketName);
        Assert.Equal(["staticbucket"], buckets);

        // AWSSDK.S3 v4 sends the body aws-chunked with a CRC32 trailer (LocalDev/Emulators/s3-compat.mjs decodes it).
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "staticbucket", Key = "media/provisioning-test.txt", ContentBody = "stored as sent" });
        using var stored = await s3.GetObjectAsync("staticbucket", "media/provisioning-test.txt");
        Assert.Equal("stored as sent", await new StreamReader(stored.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Provisioning_creates_exactly_the_queues_the_template_declares_with_their_redrive_policy()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        using var sqs = emulators.Names.Sqs();

        var urls = (await sqs.ListQueuesAsync(new Amazon.SQS.Model.ListQueuesRequest())).QueueUrls;
        Assert.Equal(Template.Queues.Select(q => emulators.Names.QueueUrl(q.LogicalId)).Order(), urls.Order());

        var orders = await sqs.GetQueueAttributesAsync(emulators.Names.QueueUrl("OrdersQueue"), ["All"]);
        Assert.Equal("180", orders.Attributes["VisibilityTimeout"]);
        using var redrive = JsonDocument.Parse(orders.Attributes["RedrivePolicy"]);
        Assert.Equal(emulators.Names.QueueArn("OrdersDeadLetterQueue"), redrive.RootElement.GetProperty("deadLetterTargetArn").GetString());
        Assert.Equal(5, int.Parse(redrive.RootElement.GetProperty("maxReceiveCount").ToString()));
    }

    [Fact]
    public async Task Provisioning_again_adds_an_index_the_template_gained_to_the_existing_table_and_keeps_its_items()
    {
        var table = $"Growing{Guid.NewGuid():N}"[..20];
        string Template(string indexes) => $$"""
            { "Resources": { "{{table}}": { "Type": "AWS::DynamoDB::Table", "Properties": {
                "AttributeDefinitions": [ { "AttributeName": "Id", "AttributeType": "S" }{{(indexes == "" ? "" : """, { "AttributeName": "Number", "AttributeType": "S" }""")}} ],
                "KeySchema": [ { "AttributeName": "Id", "KeyType": "HASH" } ], "GlobalSecondaryIndexes": [ {{indexes}} ] } } } }
            """;
        using var dynamo = emulators.Names.DynamoDb();
        using var sqs = emulators.Names.Sqs();
        var provisioner = new Provisioner(dynamo, sqs, emulators.Names);
        await provisioner.ProvisionAsync(ServerlessTemplate.Parse(Template("")), CancellationToken.None);
        var kept = new Dictionary<string, AttributeValue> { ["Id"] = new() { S = "kept" } };
        await dynamo.PutItemAsync(table, new Dictionary<string, AttributeValue>(kept) { ["Number"] = new() { S = "42" } });

        await provisioner.ProvisionAsync(ServerlessTemplate.Parse(Template(
            """{ "IndexName": "ByNumber", "KeySchema": [ { "AttributeName": "Number", "KeyType": "HASH" } ], "Projection": { "ProjectionType": "KEYS_ONLY" } }""")),
            CancellationToken.None);

        Assert.Equal(["ByNumber"], (await dynamo.DescribeTableAsync(table)).Table.GlobalSecondaryIndexes.Select(i => i.IndexName));
        Assert.True((await dynamo.GetItemAsync(table, kept)).IsItemSet);
        await dynamo.DeleteTableAsync(table);
    }

    [Fact]
    public async Task Provisioning_and_seeding_again_keeps_what_exists_and_never_resets_stock()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        using var dynamo = emulators.Names.DynamoDb();
        var seed = SeedCatalog.Load(RepoPaths.SeedCatalog);
        var product = seed.Products.First(p => p.Stock > 5);
        var key = new Dictionary<string, AttributeValue> { ["ProductId"] = new() { S = product.Id } };
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "ProductsTable",
            Key = key,
            UpdateExpression = "SET Stock = :sold",
            ExpressionAttributeValues = new() { [":sold"] = new AttributeValue { N = "1" } },
        });

        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);

        var item = (await dynamo.GetItemAsync("ProductsTable", key)).Item;
        Assert.Equal("1", item["Stock"].N);
        Assert.Equal(product.Name, item["Name"].S);
        var count = (await dynamo.ScanAsync(new ScanRequest { TableName = "ProductsTable", Select = Amazon.DynamoDBv2.Select.COUNT })).Count;
        Assert.Equal(seed.Products.Count, count);
    }
}

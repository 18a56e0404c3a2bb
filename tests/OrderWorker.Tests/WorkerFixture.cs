using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using LocalDev.LocalAws;
using Shop.Shared.Orders;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace OrderWorker.Tests;

/// <summary>
/// The emulators, provisioned from serverless.template, plus a queue pair shaped like the orders queues but with a
/// 1-second visibility timeout and 2 receives before the dead-letter queue, so redelivery is quick to observe.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    private const string FastQueues = """
        { "Resources": {
            "FastOrdersQueue": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 1,
                "RedrivePolicy": { "deadLetterTargetArn": { "Fn::GetAtt": ["FastOrdersDeadLetterQueue", "Arn"] }, "maxReceiveCount": 2 } } },
            "FastOrdersDeadLetterQueue": { "Type": "AWS::SQS::Queue" } } }
        """;

    private LocalEmulators? _emulators;

    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");
    public IAmazonSQS Sqs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180));
        await Names.ProvisionAndSeedAsync(CancellationToken.None);
        Sqs = Names.Sqs();
        using var dynamo = Names.DynamoDb();
        await new Provisioner(dynamo, Sqs, Names).ProvisionAsync(ServerlessTemplate.Parse(FastQueues), CancellationToken.None);
    }

    /// <summary>A worker on a fresh pair of fast queues (so tests don't see each other's messages), polling off.</summary>
    public async Task<(WebApplicationFactory<Program> Worker, string Queue, string DeadLetterQueue)> CreateWorkerOnFastQueuesAsync(
        Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var template = FastQueues.Replace("FastOrders", $"FastOrders{suffix}", StringComparison.Ordinal);
        using var dynamo = Names.DynamoDb();
        await new Provisioner(dynamo, Sqs, Names).ProvisionAsync(ServerlessTemplate.Parse(template), CancellationToken.None);
        var queue = Names.QueueUrl($"FastOrders{suffix}Queue");
        var deadLetter = Names.QueueUrl($"FastOrders{suffix}DeadLetterQueue");
        var settings = new Dictionary<string, string?>(overrides ?? []) { ["Queues__Orders"] = queue, ["Queues__OrdersDeadLetter"] = deadLetter };
        return (CreateWorker(settings, testServices), queue, deadLetter);
    }

    public WebApplicationFactory<Program> CreateWorker(Dictionary<string, string?>? overrides = null, Action<IServiceCollection>? testServices = null)
    {
        var settings = LocalStackSettings.For(Names, "OrderWorkerFunction");
        settings["QueuePolling__Enabled"] = "false";
        settings["QueuePolling__WaitTimeSeconds"] = "1";
        settings["ConfirmationEmail__StorefrontUrl"] = "http://shop.test";
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }
        // A real port: the poller POSTs each batch to the app's own /events, as the Lambda Web Adapter does.
        var worker = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseLocalStack(settings)
            .ConfigureTestServices(services =>
            {
                services.AddCapturedTelemetry();
                testServices?.Invoke(services);
            }));
        worker.UseKestrel(0);
        worker.StartServer();
        return worker;
    }

    public Task<Order> PlacePendingOrderAsync(params OrderLine[] lines) => PlacePendingOrderAsync(DateTimeOffset.UtcNow, lines);

    /// <summary>Writes a PENDING order as the Storefront's checkout leaves it.</summary>
    public async Task<Order> PlacePendingOrderAsync(DateTimeOffset placedAt, params OrderLine[] lines)
    {
        var shopper = $"shopper-{Guid.NewGuid():N}";
        var order = new Order(Order.NewOrderId(placedAt), shopper, $"{shopper}@example.com", lines, OrderStatus.Pending,
            placedAt, null, null, Guid.NewGuid().ToString());
        using var dynamo = Names.DynamoDb();
        await dynamo.PutItemAsync(new PutItemRequest { TableName = "OrdersTable", Item = OrderItem.ToItem(order) });
        return order;
    }

    public async Task DisposeAsync()
    {
        Sqs?.Dispose();
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "Worker";
}

using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.SQS;
using Bench.Stack;
using LocalDev.LocalAws;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Shop.Shared.Orders;

namespace Bench.Ordering;

/// <summary>
/// The checkout's baseline: the storage calls one accepted "Buy now" order makes, made straight from the SDK with no
/// HTTP, page, session or antiforgery in between. In the order the Storefront makes them: the consistent price and
/// stock read, the transaction (key record, order, stock, order counter), the message to
/// the queue (Shop.Shared's own OrderQueue), and the order read that renders "Order received". They go to copies of
/// the orders table and queue, so the worker never sees them. What the shop takes on top of this is its own.
/// </summary>
public sealed class StorageFloor : IDisposable
{
    private const string Table = "BenchFloorOrders";
    private readonly IAmazonDynamoDB _dynamo;
    private readonly IAmazonSQS _sqs;
    private readonly OrderQueue _queue;
    private readonly OrderStore _orders;
    private readonly IReadOnlyList<string> _products;

    private StorageFloor(LocalStackNames names, string queueUrl, IReadOnlyList<string> products)
    {
        _dynamo = names.DynamoDb();
        _sqs = names.Sqs();
        _queue = new OrderQueue(_sqs, Options.Create(new QueueOptions { Orders = queueUrl, OrdersDeadLetter = queueUrl }));
        _orders = new OrderStore(_dynamo, Options.Create(new TableOptions { Products = "ProductsTable", Orders = Table }), TimeProvider.System);
        _products = products;
    }

    /// <param name="workers">One product per concurrent worker, as each shopper buys their own (see CheckoutBench).</param>
    public static async Task<StorageFloor> CreateAsync(LocalStackNames names, int workers)
    {
        await Scratch.CreateOrdersTableAsync(names, Table);
        var queueUrl = await Scratch.CreateOrdersQueueAsync(names, "BenchFloorQueue");
        return new StorageFloor(names, queueUrl, await Scratch.CreateProductsAsync(names, "bench-floor", workers));
    }

    /// <summary>One order's worth of calls by worker <paramref name="worker"/>; all of it is timed.</summary>
    public async Task<TimeSpan?> PlaceOnceAsync(int worker)
    {
        var started = Stopwatch.GetTimestamp();
        var shopperId = $"bench-floor-shopper-{worker.ToString(CultureInfo.InvariantCulture)}";
        var key = Guid.NewGuid().ToString();
        var productId = _products[worker];

        var read = await _dynamo.BatchGetItemAsync(new BatchGetItemRequest
        {
            RequestItems = new()
            {
                ["ProductsTable"] = new()
                {
                    Keys = [new() { ["ProductId"] = new() { S = productId } }],
                    ConsistentRead = true,
                    ProjectionExpression = "ProductId, #name, Price, Stock",
                    ExpressionAttributeNames = new() { ["#name"] = "Name" },
                },
            },
        });
        var product = read.Responses["ProductsTable"].Single();
        var placedAt = DateTimeOffset.UtcNow;
        var order = new Order(Order.NewOrderId(placedAt), shopperId, $"{shopperId}@example.com",
            [new OrderLine(productId, product["Name"].S, decimal.Parse(product["Price"].N, CultureInfo.InvariantCulture), 1)],
            OrderStatus.Pending, placedAt, null, null, Guid.NewGuid().ToString("N"));

        var remember = CheckoutRecord.ToItem(key, order);
        await _dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new() { Put = new Put { TableName = Table, Item = remember, ConditionExpression = "attribute_not_exists(SortKey)" } },
                new() { Put = new Put { TableName = Table, Item = OrderItem.ToItem(order), ConditionExpression = "attribute_not_exists(SortKey)" } },
                new()
                {
                    Update = new Update
                    {
                        TableName = "ProductsTable",
                        Key = new() { ["ProductId"] = new() { S = productId } },
                        UpdateExpression = "SET Stock = Stock - :quantity",
                        ConditionExpression = "Stock >= :quantity AND Price = :price",
                        ExpressionAttributeValues = new() { [":quantity"] = new() { N = "1" }, [":price"] = product["Price"] },
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                },
                new()
                {
                    Update = new Update
                    {
                        TableName = Table,
                        Key = new() { ["ShopperId"] = new() { S = "#COUNTERS" }, ["SortKey"] = new() { S = $"ORDERS#{Random.Shared.Next(10)}" } },
                        UpdateExpression = "ADD Placed :one",
                        ExpressionAttributeValues = new() { [":one"] = OrderItem.Number(1) },
                    },
                },
            ],
        });
        await _queue.SendAsync(new OrderPlaced(order.OrderId, shopperId, placedAt), order.CorrelationId, CancellationToken.None);
        return await _orders.FindAsync(shopperId, order.OrderId, CancellationToken.None) is null ? null : Stopwatch.GetElapsedTime(started);
    }

    public void Dispose()
    {
        _dynamo.Dispose();
        _sqs.Dispose();
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LocalDev.FaultProxy;
using LocalDev.LocalAws;
using Shop.Shared.Orders;
using Xunit.Abstractions;

namespace Faults.Tests;

/// <summary>What the burst left behind, read from the tables, the queues and the mailbox (never through the proxies),
/// against what shoppers were told.</summary>
public sealed partial record BurstFigures(
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> AcceptedButMissing,
    IReadOnlyList<string> NeverTold,
    IReadOnlyList<string> NotConfirmed,
    IReadOnlyList<string> StockMismatches,
    IReadOnlyList<string> NotEmailedOnce,
    IReadOnlyCollection<string> ShopperSaw,
    int DeadLetters)
{
    public static async Task<BurstFigures> GatherAsync(FaultyShop shop, ShopperLog log, IReadOnlyList<BurstShopper> shoppers,
        IReadOnlyList<string> products, int startingStock, int deliveredTwice, TimeSpan burstTime, TimeSpan settleTime)
    {
        using var dynamo = shop.Names.DynamoDb();
        using var sqs = shop.Names.Sqs();
        var orders = await OrdersAsync(dynamo);
        var byId = orders.ToDictionary(o => o.OrderId);
        var acceptedButMissing = log.Accepted.Keys.Where(id => !byId.ContainsKey(id)).ToList();
        var neverTold = orders.Where(o => !log.Accepted.ContainsKey(o.OrderId)).Select(o => o.OrderId).ToList();
        var notConfirmed = orders.Where(o => o.Status != OrderStatus.Confirmed).Select(o => $"{o.OrderId} {o.Status}").ToList();

        var stockMismatches = new List<string>();
        foreach (var product in products)
        {
            var item = await dynamo.GetItemAsync(new GetItemRequest { TableName = "ProductsTable", Key = new() { ["ProductId"] = new(product) }, ConsistentRead = true });
            var stock = int.Parse(item.Item["Stock"].N, CultureInfo.InvariantCulture);
            var ordered = orders.SelectMany(o => o.Lines).Where(l => l.ProductId == product).Sum(l => l.Quantity);
            if (stock != startingStock - ordered)
            {
                stockMismatches.Add($"{product}: stock {stock}, started {startingStock}, ordered {ordered}");
            }
        }

        var emailed = new Dictionary<string, int>();
        foreach (var shopper in shoppers)
        {
            foreach (var email in await shop.Mailbox.EmailsToAsync(shopper.Email))
            {
                if (ConfirmationSubject().Match(email.Subject) is { Success: true } match)
                {
                    emailed[match.Groups[1].Value] = emailed.GetValueOrDefault(match.Groups[1].Value) + 1;
                }
            }
        }
        var notEmailedOnce = orders.Select(o => o.OrderId).Union(emailed.Keys)
            .Where(id => emailed.GetValueOrDefault(id) != 1).Select(id => $"{id}: {emailed.GetValueOrDefault(id)} emails").ToList();

        var deadLetterQueue = await sqs.GetQueueAttributesAsync(shop.DeadLetterQueue, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        var deadLetters = deadLetterQueue.ApproximateNumberOfMessages + deadLetterQueue.ApproximateNumberOfMessagesNotVisible;

        var rows = new List<string>
        {
            Row("shoppers (signed in, with carts)", shoppers.Count),
            Row("orders shoppers were told were accepted", log.Accepted.Count),
            Row("orders in the orders table", orders.Count),
            Row("  accepted but missing from the table", acceptedButMissing.Count),
            Row("  in the table but never told to a shopper", neverTold.Count),
            Row("  not CONFIRMED", notConfirmed.Count),
            Row("products whose stock ≠ start − ordered", stockMismatches.Count),
            Row("confirmation emails", emailed.Values.Sum()),
            Row("  orders without exactly one email", notEmailedOnce.Count),
            Row("messages sent twice by the test", deliveredTwice),
            Row("dead letters", deadLetters),
            Row("shopper requests", log.Requests),
            Row("  answered 503 \"try again\" (then retried)", log.TryAgainPages),
            Row("  other 5xx, or gave up", log.Unexpected.Count),
        };
        foreach (var (name, proxy) in new[] { ("DynamoDB", shop.DynamoDb), ("SQS", shop.Sqs), ("SES", shop.Ses) })
        {
            var counts = proxy.Counts;
            rows.Add(Row($"{name} calls: forwarded / throttled / 500 before, after / dropped before, after",
                string.Join(" / ", counts.GetValueOrDefault(Fault.None), counts.GetValueOrDefault(Fault.Throttle),
                    $"{counts.GetValueOrDefault(Fault.ServerErrorBefore)}, {counts.GetValueOrDefault(Fault.ServerErrorAfter)}",
                    $"{counts.GetValueOrDefault(Fault.DropBefore)}, {counts.GetValueOrDefault(Fault.DropAfter)}")));
        }
        rows.Add(Row("burst (s)", burstTime.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)));
        rows.Add(Row("until all confirmed, emailed, queue empty (s)", settleTime.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)));
        return new BurstFigures(rows, acceptedButMissing, neverTold, notConfirmed, stockMismatches, notEmailedOnce, log.Unexpected, deadLetters);
    }

    /// <summary>Every order in the table (read directly, strongly consistent).</summary>
    public static async Task<IReadOnlyList<Order>> OrdersAsync(IAmazonDynamoDB dynamo)
    {
        var orders = new List<Order>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = "OrdersTable", ConsistentRead = true, ExclusiveStartKey = start });
            orders.AddRange(page.Items.Where(i => i["SortKey"].S.StartsWith(OrderItem.OrderPrefix, StringComparison.Ordinal)).Select(OrderItem.FromItem));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return orders;
    }

    /// <summary>The table on the test's output and in test-results/fault-injection.txt, with every problem listed.</summary>
    public void Write(ITestOutputHelper output)
    {
        var text = new StringBuilder("Fault-injection burst\n");
        text.AppendLine(string.Join('\n', Rows));
        foreach (var problem in AcceptedButMissing.Concat(NeverTold).Concat(NotConfirmed).Concat(StockMismatches).Concat(NotEmailedOnce).Concat(ShopperSaw))
        {
            text.AppendLine($"  ! {problem}");
        }
        output.WriteLine(text.ToString());
        var file = Path.Combine(RepoPaths.Root, "test-results", "fault-injection.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.ToString());
    }

    private static string Row(string figure, object value) => $"| {figure,-84} | {value,16} |";

    [GeneratedRegex(@"order (\S+) is confirmed$")]
    private static partial Regex ConfirmationSubject();
}

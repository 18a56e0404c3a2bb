using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Bench.Catalog;

/// <summary>What one read cost: as DynamoDB Local reported it (null when it reported nothing) and as computed from
/// the items' sizes by DynamoDB's rules.</summary>
public sealed record ReadCost(int Items, double? Reported, double Computed);

/// <summary>
/// The reads a Storefront's catalog snapshot makes (ProductCatalog: a full scan; a query of the change index), made
/// here the same way, with their cost. DynamoDB charges an eventually consistent read half a unit per 4 KB of the
/// items a page returns, summed before rounding up, and at least that half unit for a page that returns nothing; an
/// item's size is its attribute names' and values' bytes (a number: about one byte per two significant digits, plus one).
/// </summary>
public static class ReadUnits
{
    public static Task<ReadCost> ScanAsync(IAmazonDynamoDB dynamo, string table) =>
        PagesAsync(async start =>
        {
            var page = await dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL });
            return (page.Items, page.LastEvaluatedKey, page.ConsumedCapacity);
        });

    public static Task<ReadCost> ChangedSinceAsync(IAmazonDynamoDB dynamo, string table, DateTimeOffset since) =>
        PagesAsync(async start =>
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = table,
                IndexName = "ProductsByChange",
                KeyConditionExpression = "ChangeFeed = :feed AND ChangedAt >= :since",
                ExpressionAttributeValues = new()
                {
                    [":feed"] = new() { S = "products" },
                    [":since"] = new() { N = since.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) },
                },
                ExclusiveStartKey = start,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            });
            return (page.Items, page.LastEvaluatedKey, page.ConsumedCapacity);
        });

    private static async Task<ReadCost> PagesAsync(
        Func<Dictionary<string, AttributeValue>?, Task<(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? Last, ConsumedCapacity? Capacity)>> read)
    {
        var (items, computed) = (0, 0.0);
        double? reported = null;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await read(start);
            var pageItems = page.Items ?? [];
            items += pageItems.Count;
            computed += Math.Max(1, Math.Ceiling(pageItems.Sum(Size) / 4096.0)) * 0.5;
            if (page.Capacity?.CapacityUnits is { } units)
            {
                reported = (reported ?? 0) + units;
            }
            start = page.Last is { Count: > 0 } ? page.Last : null;
        } while (start is not null);
        return new ReadCost(items, reported, computed);
    }

    private static long Size(Dictionary<string, AttributeValue> item) =>
        item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + a.Value switch
        {
            { S: { } s } => Encoding.UTF8.GetByteCount(s),
            { N: { } n } => (n.Count(char.IsDigit) + 1) / 2 + 1,
            _ => 1,
        });
}

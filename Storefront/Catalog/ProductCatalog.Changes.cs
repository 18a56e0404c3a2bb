using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Storefront.Catalog;

/// <summary>Products read from the table, with the read units the read used (as DynamoDB reports them).</summary>
public sealed record ProductsRead(IReadOnlyList<Product> Products, double ReadUnits);

/// <summary>
/// The change feed: every write to a product also sets <c>ChangedAt</c> (epoch milliseconds, by the writer's clock)
/// and <c>ChangeFeed</c>, in the same update expression, so the <see cref="ChangeIndex"/> lists products by when they
/// last changed and an instance reads only those changed since its last look instead of the whole table.
/// </summary>
public sealed partial class ProductCatalog
{
    /// <summary>The products table's index by change (partition <c>ChangeFeed</c>, sort <c>ChangedAt</c>, every attribute).</summary>
    public const string ChangeIndex = "ProductsByChange";

    /// <summary>The one partition of <see cref="ChangeIndex"/>: a shop's writes stay far below what one index
    /// partition takes (docs/architecture.md, "The catalog snapshot").</summary>
    private const string ChangeFeed = "products";

    private const string Stamp = "ChangedAt = :changedAt, ChangeFeed = :changeFeed";

    /// <summary>Products stamped at or after <paramref name="since"/> (epoch milliseconds), oldest first. The index is
    /// eventually consistent: a write shows up in it a moment after it was made.</summary>
    public Task<ProductsRead> ChangedSinceAsync(long since, CancellationToken cancellationToken) =>
        ReadPagesAsync(async startKey =>
        {
            var page = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = Table,
                IndexName = ChangeIndex,
                KeyConditionExpression = "ChangeFeed = :changeFeed AND ChangedAt >= :since",
                ExpressionAttributeValues = new()
                {
                    [":changeFeed"] = new() { S = ChangeFeed },
                    [":since"] = new() { N = since.ToString(CultureInfo.InvariantCulture) },
                },
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, cancellationToken);
            return new ItemPage(page.Items, page.LastEvaluatedKey, page.ConsumedCapacity);
        });

    private sealed record ItemPage(List<Dictionary<string, AttributeValue>>? Items, Dictionary<string, AttributeValue>? LastKey, ConsumedCapacity? Capacity);

    private static async Task<ProductsRead> ReadPagesAsync(Func<Dictionary<string, AttributeValue>?, Task<ItemPage>> readPage)
    {
        var products = new List<Product>();
        var readUnits = 0.0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await readPage(startKey);
            products.AddRange((page.Items ?? []).Select(FromItem));
            readUnits += page.Capacity?.CapacityUnits ?? 0;
            startKey = page.LastKey is { Count: > 0 } ? page.LastKey : null;
        } while (startKey is not null);
        return new ProductsRead(products, readUnits);
    }

    /// <summary>The change stamp's values, added to a write's own (its expression appends <see cref="Stamp"/>).</summary>
    private Dictionary<string, AttributeValue> Stamped(Dictionary<string, AttributeValue> values)
    {
        values[":changedAt"] = new() { N = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) };
        values[":changeFeed"] = new() { S = ChangeFeed };
        return values;
    }
}

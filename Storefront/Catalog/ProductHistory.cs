using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Storefront.Catalog;

/// <summary>A change as kept: who made it, when, to which field, from what to what, and why.</summary>
public sealed record RecordedChange(DateTimeOffset At, string Operator, string Field, string Before, string After, string Reason);

/// <summary>
/// The product history table (key: <c>ProductId</c>, <c>ChangeId</c>): the only code that reads or writes it. Every
/// change an operator makes to a product is one item, put in the same transaction as the change itself, so the history
/// never misses one nor tells of one that did not happen. A table of its own because the products table's key is the
/// product id alone, and the catalog's scans should not carry its history.
/// </summary>
public sealed class ProductHistory(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables)
{
    /// <summary>How many changes a product's page shows.</summary>
    public const int Shown = 100;

    private string Table => tables.Value.ProductHistory;

    /// <summary>The parts that record <paramref name="changes"/>, one item each. The change id starts with the time,
    /// so a product's changes sort by it; the rest keeps those of one save apart and in order.</summary>
    public IEnumerable<TransactWriteItem> RecordParts(string productId, IReadOnlyList<ProductChange> changes, string by,
        DateTimeOffset at, string reason)
    {
        var save = Guid.NewGuid().ToString("N")[..8];
        var time = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        return changes.Select((change, i) => new TransactWriteItem
        {
            Put = new Put
            {
                TableName = Table,
                Item = new()
                {
                    ["ProductId"] = new() { S = productId },
                    ["ChangeId"] = new() { S = $"{time}#{save}#{i:D2}" },
                    ["At"] = new() { S = time },
                    ["Operator"] = new() { S = by },
                    ["Field"] = new() { S = change.Field },
                    ["Before"] = new() { S = change.Before },
                    ["After"] = new() { S = change.After },
                    ["Reason"] = new() { S = reason },
                },
            },
        });
    }

    /// <summary>The product's latest <see cref="Shown"/> changes, newest first.</summary>
    public async Task<IReadOnlyList<RecordedChange>> ListAsync(string productId, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "ProductId = :product",
            ExpressionAttributeValues = new() { [":product"] = new() { S = productId } },
            ScanIndexForward = false,
            Limit = Shown,
        }, cancellationToken);
        return (response.Items ?? []).Select(item => new RecordedChange(
            DateTimeOffset.Parse(item["At"].S, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            item["Operator"].S, item["Field"].S, item["Before"].S, item["After"].S, item["Reason"].S)).ToList();
    }
}

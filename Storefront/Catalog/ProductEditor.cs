using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Storefront.Catalog;

/// <summary>
/// Operators' changes to products, each one transaction: the products table's part (<see cref="ProductCatalog"/>)
/// and its history (<see cref="ProductHistory"/>). After a change this instance's catalog snapshot reads the product
/// back, so the operator's own next page shows it.
/// </summary>
public sealed class ProductEditor(
    IAmazonDynamoDB dynamo, ProductCatalog catalog, ProductHistory history, CatalogSnapshots snapshots, TimeProvider clock)
{
    /// <summary>Each try reads the count and sets it only if unchanged; checkouts at the same moment make it try again.</summary>
    private const int StockAttempts = 20;

    /// <param name="reason">Why, in the history ("import" for a CSV import; empty for the editor).</param>
    public async Task<ProductEditResult> CreateAsync(string productId, ProductFields fields, int stock, string by, CancellationToken cancellationToken, string reason = "")
    {
        var created = new ProductChange("Product", "", $"created with {stock} in stock");
        if (!await TryWriteAsync(productId, [catalog.CreatePart(productId, fields, stock), .. history.RecordParts(productId, [created], by, clock.GetUtcNow(), reason)], cancellationToken))
        {
            return new ProductEditResult.IdTaken();
        }
        return new ProductEditResult.Saved(await catalog.FindAsync(productId, cancellationToken) ?? throw new InvalidOperationException("Created product not found."));
    }

    /// <summary>Saves <paramref name="fields"/> over version <paramref name="expectedVersion"/>, which the operator saw.</summary>
    public async Task<ProductEditResult> SaveAsync(string productId, int expectedVersion, ProductFields fields, string by, CancellationToken cancellationToken, string reason = "")
    {
        var current = await catalog.FindAsync(productId, cancellationToken);
        if (current is null)
        {
            return new ProductEditResult.NotFound();
        }
        if (current.Version != expectedVersion)
        {
            return new ProductEditResult.ChangedByAnother(current);
        }
        var changes = ProductFields.Of(current).ChangesTo(fields);
        if (changes.Count == 0)
        {
            return new ProductEditResult.Saved(current);
        }
        if (!await TryWriteAsync(productId, [catalog.EditPart(productId, fields, expectedVersion), .. history.RecordParts(productId, changes, by, clock.GetUtcNow(), reason)], cancellationToken))
        {
            // Someone saved between the read and the write.
            return await catalog.FindAsync(productId, cancellationToken) is { } newer
                ? new ProductEditResult.ChangedByAnother(newer) : new ProductEditResult.NotFound();
        }
        return new ProductEditResult.Saved(await catalog.FindAsync(productId, cancellationToken) ?? current);
    }

    public async Task<StockChangeResult> ChangeStockAsync(string productId, StockChange change, string reason, string by, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < StockAttempts; attempt++)
        {
            if (await catalog.FindAsync(productId, cancellationToken) is not { } product)
            {
                return new StockChangeResult.NotFound();
            }
            var after = change.Apply(product.Stock);
            if (after is < 0 or > ProductRules.MaxStock)
            {
                return new StockChangeResult.OutOfRange(product.Stock);
            }
            var record = new ProductChange("Stock", product.Stock.ToString(System.Globalization.CultureInfo.InvariantCulture),
                after.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await TryWriteAsync(productId, [catalog.SetStockPart(productId, product.Stock, after), .. history.RecordParts(productId, [record], by, clock.GetUtcNow(), reason)], cancellationToken))
            {
                return new StockChangeResult.Changed(product.Stock, after);
            }
        }
        return new StockChangeResult.Busy();
    }

    /// <summary>False when a condition failed or another transaction held an item: nothing was written.</summary>
    private async Task<bool> TryWriteAsync(string productId, List<TransactWriteItem> parts, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = parts }, cancellationToken);
            snapshots.Written(productId);
            return true;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code is "ConditionalCheckFailed" or "TransactionConflict") == true)
        {
            return false;
        }
    }
}

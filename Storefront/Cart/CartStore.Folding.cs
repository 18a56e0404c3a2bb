using Amazon.DynamoDBv2.Model;

namespace Storefront.Cart;

public sealed partial class CartStore
{
    /// <summary>
    /// Folds a visitor's cart into the shopper's, exactly once: the shopper's cart is written and the visitor's deleted
    /// in one transaction, each on condition that it is as read, so a second request folding the same cart at the same
    /// time loses and finds it gone. Null if other changes kept winning: the visitor's cart is still there to fold later.
    /// </summary>
    public async Task<ShoppingCart?> FoldAsync(string visitorCartId, string shopperCartId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var visitor = await GetAsync(visitorCartId, cancellationToken);
            var shopper = await GetAsync(shopperCartId, cancellationToken);
            if (visitor.Version == 0)
            {
                return shopper; // Nothing to fold, or another request folded it.
            }
            var merged = visitor.Lines.Aggregate(shopper, (cart, line) =>
            {
                if (cart.IsFull && cart.QuantityOf(line.ProductId) == 0)
                {
                    return cart;
                }
                var folded = cart.With(line.ProductId, cart.QuantityOf(line.ProductId) + line.Quantity);
                return visitor.PriceSeen(line.ProductId) is { } seen ? folded.Seen(line.ProductId, seen) : folded;
            });
            try
            {
                await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem { Update = Replace(merged, shopper.Version) },
                        new TransactWriteItem
                        {
                            Delete = new Delete
                            {
                                TableName = tables.Value.Carts,
                                Key = Key(visitorCartId),
                                ConditionExpression = "Version = :expected",
                                ExpressionAttributeValues = new() { [":expected"] = Number(visitor.Version) },
                            },
                        },
                    ],
                }, cancellationToken);
                return merged with { Version = shopper.Version + 1 };
            }
            catch (TransactionCanceledException)
            {
                // One of the two changed since it was read (or the fold happened elsewhere): read again.
            }
        }
        return null;
    }
}

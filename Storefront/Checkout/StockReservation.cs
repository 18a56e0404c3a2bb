using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace Storefront.Checkout;

/// <summary>A product as checkout prices it: read fresh (strongly consistent) at the moment of ordering.</summary>
public sealed record PricedProduct(string ProductId, string Name, decimal Price, int Stock);

/// <summary>
/// Reads the current price and stock of products, and builds the transaction parts that take stock: each line
/// subtracts its quantity only if that much is left and the price is still the one the order carries.
/// </summary>
public sealed class StockReservation(IAmazonDynamoDB dynamo, IOptions<TableOptions> tables)
{
    public async Task<IReadOnlyDictionary<string, PricedProduct>> ReadAsync(IEnumerable<string> productIds, CancellationToken cancellationToken)
    {
        var keys = productIds.Distinct().Select(id => new Dictionary<string, AttributeValue> { ["ProductId"] = new() { S = id } }).ToList();
        var found = new Dictionary<string, PricedProduct>();
        var request = new Dictionary<string, KeysAndAttributes>
        {
            [tables.Value.Products] = new() { Keys = keys, ConsistentRead = true, ProjectionExpression = "ProductId, #name, Price, Stock", ExpressionAttributeNames = new() { ["#name"] = "Name" } },
        };
        while (request.Count > 0 && request.Values.Sum(k => k.Keys.Count) > 0)
        {
            var response = await dynamo.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = request }, cancellationToken);
            foreach (var item in response.Responses.GetValueOrDefault(tables.Value.Products) ?? [])
            {
                var product = new PricedProduct(item["ProductId"].S, item["Name"].S,
                    decimal.Parse(item["Price"].N, CultureInfo.InvariantCulture), int.Parse(item["Stock"].N, CultureInfo.InvariantCulture));
                found[product.ProductId] = product;
            }
            request = response.UnprocessedKeys ?? [];
        }
        return found;
    }

    public TransactWriteItem Take(PricedProduct product, int quantity) => new()
    {
        Update = new Update
        {
            TableName = tables.Value.Products,
            Key = new() { ["ProductId"] = new AttributeValue { S = product.ProductId } },
            UpdateExpression = "SET Stock = Stock - :quantity",
            ConditionExpression = "Stock >= :quantity AND Price = :price",
            ExpressionAttributeValues = new()
            {
                [":quantity"] = new AttributeValue { N = quantity.ToString(CultureInfo.InvariantCulture) },
                [":price"] = new AttributeValue { N = product.Price.ToString(CultureInfo.InvariantCulture) },
            },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
    };
}

using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace Storefront.Catalog;

/// <summary>
/// The transaction parts operators' changes are made of (<see cref="ProductEditor"/> puts each with its history).
/// Edits carry the version the operator saw, so a newer edit is never overwritten; stock changes carry the count they
/// start from, so a checkout's decrement at the same moment is never lost.
/// </summary>
public sealed partial class ProductCatalog
{
    /// <summary>A new product with <paramref name="fields"/> and <paramref name="stock"/>, only if its id is free.</summary>
    public TransactWriteItem CreatePart(string productId, ProductFields fields, int stock) =>
        WriteFields(productId, fields, "attribute_not_exists(ProductId)", nextVersion: 1,
            ("Stock", Number(stock)));

    /// <summary>The product's fields, only if it is still at <paramref name="expectedVersion"/> (0: never edited).</summary>
    public TransactWriteItem EditPart(string productId, ProductFields fields, int expectedVersion) =>
        WriteFields(productId, fields,
            expectedVersion == 0 ? "attribute_exists(ProductId) AND attribute_not_exists(#version)" : "#version = :expected",
            nextVersion: expectedVersion + 1, expected: expectedVersion);

    /// <summary>The stock set to <paramref name="after"/>, only if it is still <paramref name="before"/>.</summary>
    public TransactWriteItem SetStockPart(string productId, int before, int after) => new()
    {
        Update = new Update
        {
            TableName = Table,
            Key = Key(productId),
            UpdateExpression = $"SET Stock = :after, {Stamp}",
            ConditionExpression = "Stock = :before",
            ExpressionAttributeValues = Stamped(new() { [":before"] = Number(before), [":after"] = Number(after) }),
        },
    };

    private TransactWriteItem WriteFields(string productId, ProductFields fields, string condition, int nextVersion,
        (string Name, AttributeValue Value)? extra = null, int? expected = null)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":name"] = new() { S = fields.Name },
            [":description"] = new() { S = fields.Description },
            [":category"] = new() { S = fields.Category },
            [":categoryName"] = new() { S = fields.CategoryName },
            [":price"] = new() { N = fields.Price.ToString(CultureInfo.InvariantCulture) },
            [":rank"] = Number(fields.FeaturedRank),
            [":image"] = new() { S = fields.Image },
            [":onSale"] = new() { BOOL = fields.OnSale },
            [":version"] = Number(nextVersion),
        };
        var update = "SET #name = :name, Description = :description, Category = :category, CategoryName = :categoryName, " +
            "Price = :price, FeaturedRank = :rank, Image = :image, OnSale = :onSale, #version = :version, " + Stamp;
        if (extra is { } set)
        {
            values[$":{set.Name}"] = set.Value;
            update += $", {set.Name} = :{set.Name}";
        }
        if (expected is { } version and > 0)
        {
            values[":expected"] = Number(version);
        }
        return new TransactWriteItem
        {
            Update = new Update
            {
                TableName = Table,
                Key = Key(productId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = new() { ["#name"] = "Name", ["#version"] = "Version" },
                ExpressionAttributeValues = Stamped(values),
            },
        };
    }

    private static AttributeValue Number(int value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}

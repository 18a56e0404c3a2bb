using System.Globalization;

namespace Storefront.Catalog;

/// <summary>What an operator sets on a product: everything but its id and its stock, which change on their own.</summary>
public sealed record ProductFields(
    string Name,
    string Description,
    string Category,
    string CategoryName,
    decimal Price,
    int FeaturedRank,
    string Image,
    bool OnSale)
{
    public static ProductFields Of(Product product) => new(product.Name, product.Description, product.Category,
        product.CategoryName, product.Price, product.FeaturedRank, product.Image, product.OnSale);

    /// <summary>Each field that differs, as an operator reads it in the product's history.</summary>
    public IReadOnlyList<ProductChange> ChangesTo(ProductFields after)
    {
        var changes = new List<ProductChange>();
        void Compare(string field, string before, string now)
        {
            if (!string.Equals(before, now, StringComparison.Ordinal))
            {
                changes.Add(new ProductChange(field, before, now));
            }
        }
        Compare("Name", Name, after.Name);
        Compare("Description", Description, after.Description);
        Compare("Category", $"{CategoryName} ({Category})", $"{after.CategoryName} ({after.Category})");
        Compare("Price", Money(Price), Money(after.Price));
        Compare("Featured rank", Number(FeaturedRank), Number(after.FeaturedRank));
        Compare("Image", Image, after.Image);
        Compare("On sale", OnSale ? "yes" : "no", after.OnSale ? "yes" : "no");
        return changes;
    }

    private static string Money(decimal price) => price.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One field of a product as it was and as it is now.</summary>
public sealed record ProductChange(string Field, string Before, string After);

using System.ComponentModel.DataAnnotations;

namespace Storefront.Operations.Products;

/// <summary>Operators' settings for the product list (<c>Operations:Products</c>).</summary>
public sealed class ProductListOptions
{
    public const string Section = "Operations:Products";

    /// <summary>At or under this many in stock, a product counts as low on stock.</summary>
    [Range(0, 1000)]
    public int LowStockThreshold { get; set; } = 5;
}

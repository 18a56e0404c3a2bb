using System.ComponentModel.DataAnnotations;

namespace Storefront.Catalog;

/// <summary>How the catalog pages behave (section <c>Catalog</c>); every setting has a sensible default.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>
    /// How long an instance serves listings from one scan of the products table. A new or changed product shows up
    /// within this time; the product page's stock is always read fresh.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SnapshotLifetime { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Products per catalog page (and per API page).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 12;
}

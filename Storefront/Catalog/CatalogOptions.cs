using System.ComponentModel.DataAnnotations;

namespace Storefront.Catalog;

/// <summary>How the catalog pages behave (section <c>Catalog</c>); every setting has a sensible default.</summary>
public sealed class CatalogOptions : IValidatableObject
{
    public const string Section = "Catalog";

    /// <summary>
    /// How long an instance serves listings and product pages from its catalog snapshot before it asks the table
    /// for the products changed since (<see cref="CatalogSnapshots"/>). A product changed by the shop's own code shows
    /// up within this time plus the change index's propagation lag.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SnapshotLifetime { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long an instance goes without scanning the whole products table. Between scans it reads only what changed;
    /// the scan catches an item changed by hand, which the change index does not list, within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan FullScanInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Products per catalog page (and per API page).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 12;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FullScanInterval < SnapshotLifetime)
        {
            yield return new ValidationResult("FullScanInterval must be at least the SnapshotLifetime.", [nameof(FullScanInterval)]);
        }
    }
}

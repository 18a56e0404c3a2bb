using System.ComponentModel.DataAnnotations;

namespace Storefront.Security;

/// <summary>
/// How often one shopper may do what costs the shop (and DynamoDB) most. Counted per Storefront instance: in Lambda
/// each instance counts on its own, so a shopper spread over several instances gets several times the limit; the
/// HTTP API's throttling is the shop-wide backstop.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// Orders placed (POST <c>/checkout</c> and POST <c>/api/orders</c>, one budget) per shopper (<c>sub</c>) per
    /// <see cref="Window"/>.
    /// </summary>
    [Range(1, 1000)]
    public int CheckoutsPerWindow { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

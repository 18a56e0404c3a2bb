using System.ComponentModel.DataAnnotations;

namespace Storefront.Security;

/// <summary>
/// How big a request may be. A shop's forms are a few hundred bytes and its URLs short, so the limits sit far below
/// the server's defaults (30 MB bodies, 8 KB request lines) and bound what one request can cost us.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Largest request body, form or JSON (413 beyond it).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 32 * 1024;

    /// <summary>Longest query string, <c>?</c> included (414 beyond it).</summary>
    [Range(256, 8 * 1024)]
    public int MaxQueryStringLength { get; set; } = 2048;

    /// <summary>Largest total of header names and values, cookies included (431 beyond it).</summary>
    [Range(4 * 1024, 32 * 1024)]
    public int MaxHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>Most fields in one form: checkout's 20 lines take 40, plus the token and key (400 beyond it).</summary>
    [Range(50, 1024)]
    public int MaxFormFields { get; set; } = 100;
}

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

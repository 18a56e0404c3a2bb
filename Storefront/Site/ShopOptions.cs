using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Storefront.Site;

/// <summary>The shop's identity and how it shows money and static assets.</summary>
public sealed class ShopOptions
{
    public const string Section = "Shop";

    [Required]
    public string Name { get; set; } = "";

    /// <summary>Culture whose currency format prices use, e.g. <c>en-US</c>: a specific culture, so it names a currency.</summary>
    [Required]
    public string Culture { get; set; } = "";

    /// <summary>URL prefix of CSS, images and scripts: <c>/static</c>, served by CloudFront from S3 in AWS.</summary>
    [Required]
    public string StaticBaseUrl { get; set; } = "/static";

    /// <summary>Local only: folder whose files the app itself serves under <see cref="StaticBaseUrl"/>.</summary>
    public string? StaticFilesPath { get; set; }

    public CultureInfo CultureInfo => CultureInfo.GetCultureInfo(Culture);

    public string FormatPrice(decimal price) => price.ToString("C", CultureInfo);

    /// <summary>The ISO 4217 code of the shop's currency (<c>USD</c> for <c>en-US</c>), for the JSON API.</summary>
    public string CurrencyCode => new RegionInfo(CultureInfo.Name).ISOCurrencySymbol;
}

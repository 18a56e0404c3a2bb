using System.ComponentModel.DataAnnotations;

namespace Storefront.Catalog;

/// <summary>S3 buckets, as the deployment (or the local stack) names them (<c>Buckets__Media</c> in the template).</summary>
public sealed class BucketOptions
{
    public const string Section = "Buckets";

    /// <summary>Where product images go, under <see cref="ProductImages.Prefix"/>: the static files' bucket, whose
    /// <c>media/</c> CloudFront serves at <c>/media/*</c>.</summary>
    [Required]
    public string Media { get; set; } = "";
}

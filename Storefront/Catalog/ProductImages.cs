using System.Text.RegularExpressions;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Storefront.Catalog;

/// <summary>
/// Product images in S3, under <see cref="Prefix"/> of the media bucket: each upload gets a new key, so an object never
/// changes and CloudFront and browsers may keep it a year (a replaced image is a new URL, shown at once). A product's
/// <see cref="Product.Image"/> is either such a key or a path under <c>static/</c> (the seed's drawings).
/// </summary>
public sealed partial class ProductImages(IAmazonS3 s3, IOptions<BucketOptions> buckets)
{
    /// <summary>Never <c>static/</c>, which deployment syncs with --delete. The Storefront's role may write only here.</summary>
    public const string Prefix = "media/";

    public const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>Stores an accepted image under a new key; its <see cref="Product.Image"/> value.</summary>
    public async Task<string> StoreAsync(string productId, ImageCheck.Accepted image, CancellationToken cancellationToken)
    {
        var key = $"{Prefix}{productId}-{Guid.NewGuid():N}.{image.Format.Extension}";
        using var content = new MemoryStream(image.Content, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = buckets.Value.Media,
            Key = key,
            InputStream = content,
            ContentType = image.Format.ContentType,
            Headers = { CacheControl = CacheControl },
        }, cancellationToken);
        return key;
    }

    /// <summary>Whether a product's image is an uploaded one (served at <c>/media/…</c>) rather than a static file.</summary>
    public static bool IsUploaded(string image) => UploadedKey().IsMatch(image);

    /// <summary>Only keys of the shape <see cref="StoreAsync"/> makes.</summary>
    [GeneratedRegex(@"^media/[a-z0-9]+(-[a-z0-9]+)*-[0-9a-f]{32}\.(png|jpg|webp)$")]
    private static partial Regex UploadedKey();
}

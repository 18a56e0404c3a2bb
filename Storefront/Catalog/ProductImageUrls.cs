using Storefront.Site;

namespace Storefront.Catalog;

public static class ProductImageUrls
{
    /// <summary>Where a browser gets a product's image: an uploaded one at <c>/media/…</c> (CloudFront's behaviour for
    /// the bucket's <c>media/</c>; locally the Storefront's <see cref="LocalMedia"/>), a static one versioned under
    /// <c>/static/</c>.</summary>
    public static string ImageUrl(this StaticAssets assets, string image) =>
        ProductImages.IsUploaded(image) ? $"/{image}" : assets.Url(image);
}

namespace Storefront.Catalog;

/// <summary>A kind of image the shop accepts for a product: how S3 serves it and how its key ends.</summary>
public sealed record ImageFormat(string Name, string ContentType, string Extension)
{
    public static readonly ImageFormat Png = new("PNG", "image/png", "png");
    public static readonly ImageFormat Jpeg = new("JPEG", "image/jpeg", "jpg");
    public static readonly ImageFormat WebP = new("WebP", "image/webp", "webp");
}

/// <summary>What checking an uploaded file's content came to (its name and declared type count for nothing).</summary>
public abstract record ImageCheck
{
    public sealed record Accepted(ImageFormat Format, int Width, int Height, byte[] Content) : ImageCheck;

    /// <param name="Reason">For the operator, under the image field.</param>
    public sealed record Refused(string Reason) : ImageCheck;
}

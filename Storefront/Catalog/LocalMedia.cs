using Amazon.S3;
using Microsoft.Extensions.Options;

namespace Storefront.Catalog;

/// <summary>
/// Development only: <c>GET /media/{name}</c> from the S3 emulator, so image URLs are the same path as in AWS, where
/// CloudFront serves <c>/media/*</c> from the bucket and never sends it to the Storefront (docs/architecture.md).
/// </summary>
public static class LocalMedia
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/media/{name}", async (string name, IAmazonS3 s3, IOptions<BucketOptions> buckets, HttpContext http, CancellationToken cancellationToken) =>
        {
            var key = ProductImages.Prefix + name;
            if (!ProductImages.IsUploaded(key))
            {
                return Results.NotFound();
            }
            try
            {
                var image = await s3.GetObjectAsync(buckets.Value.Media, key, cancellationToken);
                http.Response.Headers.CacheControl = ProductImages.CacheControl;
                return Results.Stream(image.ResponseStream, image.Headers.ContentType);
            }
            catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return Results.NotFound();
            }
        });
}

using Amazon.S3;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Site;

namespace Storefront.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TableOptions>().Validate(t => t.ProductHistory.Length > 0, "Tables:ProductHistory is required").ValidateOnStart();
        builder.Services.AddSingleton<ProductCatalog>();
        builder.Services.AddSingleton<ProductHistory>();
        builder.Services.AddSingleton<ProductEditor>();
        builder.Services.AddSingleton<CatalogSnapshots>();
        builder.Services.AddStartUpWork("catalog snapshot", (services, stopping) => services.GetRequiredService<CatalogSnapshots>().CurrentAsync(stopping));
        builder.Services.AddOptions<BucketOptions>().BindConfiguration(BucketOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAmazonS3>(services =>
        {
            var aws = services.GetRequiredService<IOptions<AwsOptions>>().Value;
            // Path-style addressing locally only: a bucket cannot be a subdomain of a loopback address.
            var local = !string.IsNullOrWhiteSpace(aws.ServiceUrls.S3);
            return new AmazonS3Client(AwsServiceCollectionExtensions.Configure(new AmazonS3Config { ForcePathStyle = local }, aws, aws.ServiceUrls.S3));
        });
        builder.Services.AddSingleton<ProductImages>();
        // CatalogPageCache keeps one page per snapshot, URL and cart count, and every search is a URL of its own: at
        // most 16 MB of them per instance; beyond that pages are rendered as usual.
        builder.Services.AddKeyedSingleton<IMemoryCache>(CatalogPageCache.PagesKey,
            (_, _) => new MemoryCache(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 }));
        return builder;
    }

    /// <summary>The read-only JSON API: <c>GET /api/products</c> and <c>GET /api/products/{id}</c>; in Development,
    /// product images at <c>/media/…</c> (CloudFront's job in AWS).</summary>
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        ProductsApi.Map(app.MapGroup("/api/products"));
        if (app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            LocalMedia.Map(app);
        }
        return app;
    }
}

using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Storefront.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProductCatalog>();
        builder.Services.AddSingleton<CatalogSnapshots>();
        // The pages' <cache> and CatalogPageCache keep one rendering per snapshot and URL, and every search is a URL
        // of its own: at most 16 MB each per instance (the framework's default, 100 MB, is a tenth of the function's
        // memory); beyond that pages are rendered as usual.
        builder.Services.Configure<CacheTagHelperOptions>(cache => cache.SizeLimit = 16 * 1024 * 1024);
        builder.Services.AddKeyedSingleton<IMemoryCache>(CatalogPageCache.PagesKey,
            (_, _) => new MemoryCache(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 }));
        return builder;
    }

    /// <summary>The read-only JSON API: <c>GET /api/products</c> and <c>GET /api/products/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        ProductsApi.Map(app.MapGroup("/api/products"));
        return app;
    }
}

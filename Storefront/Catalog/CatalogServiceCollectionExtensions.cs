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
        return builder;
    }

    /// <summary>The read-only JSON API: <c>GET /api/products</c> and <c>GET /api/products/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        ProductsApi.Map(app.MapGroup("/api/products"));
        return app;
    }
}

namespace Storefront.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProductCatalog>();
        return builder;
    }
}

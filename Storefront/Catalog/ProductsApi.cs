using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Storefront.Site;

namespace Storefront.Catalog;

/// <summary>A product for integrations. <c>price</c> is a decimal number in <c>currency</c> (ISO 4217).</summary>
public sealed record ProductResource(
    string Id, string Name, string Description, string Category, string CategoryName,
    decimal Price, string Currency, bool InStock, int Stock, string ImageUrl, string Url);

public sealed record ProductListResource(
    IReadOnlyList<ProductResource> Items, int Page, int PageSize, int PageCount, int TotalCount);

/// <summary>
/// The read-only JSON API. The list takes the catalog page's query parameters but, unlike the page, refuses
/// malformed ones with a validation problem instead of falling back to defaults: a program should hear about its bug.
/// </summary>
public static class ProductsApi
{
    public static void Map(RouteGroupBuilder products)
    {
        products.MapGet("/", ListAsync);
        products.MapGet("/{id}", FindAsync);
    }

    private static async Task<Results<Ok<ProductListResource>, ValidationProblem>> ListAsync(
        [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? sort, [FromQuery] string? page,
        CatalogSnapshots snapshots, IOptions<CatalogOptions> options, ShopOptions shop, StaticAssets assets,
        CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var (query, problems) = CatalogQuery.Parse(q, category, sort, page, snapshot.CategoryIds);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }
        var results = CatalogShelf.Browse(snapshot.Products, query, options.Value.PageSize);
        return TypedResults.Ok(new ProductListResource(
            results.Products.Select(p => ToResource(p, shop, assets)).ToList(),
            results.Page, results.PageSize, results.PageCount, results.TotalCount));
    }

    private static async Task<Results<Ok<ProductResource>, NotFound>> FindAsync(
        string id, ProductCatalog catalog, ShopOptions shop, StaticAssets assets, CancellationToken cancellationToken)
    {
        var product = await catalog.FindAsync(id, cancellationToken);
        return product is not { OnSale: true } ? TypedResults.NotFound() : TypedResults.Ok(ToResource(product, shop, assets));
    }

    private static ProductResource ToResource(Product product, ShopOptions shop, StaticAssets assets) => new(
        product.Id, product.Name, product.Description, product.Category, product.CategoryName,
        product.Price, shop.CurrencyCode, product.InStock, product.Stock,
        assets.Url(product.Image), product.Url);
}

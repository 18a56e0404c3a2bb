using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class ProductsApiTests(StorefrontFixture shop)
{
    private sealed record ProductJson(string Id, string Name, decimal Price, string Currency, bool InStock, int Stock, string ImageUrl, string Url);
    private sealed record ProductListJson(List<ProductJson> Items, int Page, int PageSize, int PageCount, int TotalCount);
    private sealed record ProblemJson(int Status, string Title, Dictionary<string, string[]>? Errors);

    [Fact]
    public async Task The_product_list_takes_the_catalog_pages_filters()
    {
        using var client = shop.Storefront.CreateClient();

        var list = await client.GetFromJsonAsync<ProductListJson>("/api/products?category=bags&sort=price-desc");

        Assert.Equal(["roll-top-backpack", "weekender-duffel", "waxed-canvas-tote", "leather-card-wallet", "canvas-zip-pouch", "cotton-string-market-bag"],
            list!.Items.Select(p => p.Id));
        Assert.Equal((1, 1, 6), (list.Page, list.PageCount, list.TotalCount));
        Assert.Equal(189.00m, list.Items[0].Price);
        Assert.Equal("USD", list.Items[0].Currency);
    }

    [Fact]
    public async Task The_product_list_pages_like_the_catalog_page()
    {
        using var client = shop.Storefront.CreateClient();

        var list = await client.GetFromJsonAsync<ProductListJson>("/api/products?page=3");

        Assert.Equal((3, 12, 3, 36), (list!.Page, list.PageSize, list.PageCount, list.TotalCount));
        Assert.Equal("canvas-zip-pouch", list.Items[^1].Id);
    }

    [Fact]
    public async Task Prices_are_exact_decimals_in_the_json()
    {
        using var client = shop.Storefront.CreateClient();

        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/products/copper-measuring-cups"));

        Assert.Equal("29.95", json.RootElement.GetProperty("price").GetRawText());
    }

    [Fact]
    public async Task One_product_has_its_stock_image_and_page()
    {
        using var client = shop.Storefront.CreateClient();

        var product = await client.GetFromJsonAsync<ProductJson>("/api/products/gooseneck-kettle");

        Assert.Equal(("Gooseneck Pour-Over Kettle", false, 0), (product!.Name, product.InStock, product.Stock));
        Assert.Matches(@"^/static/images/products/gooseneck-kettle\.svg\?v=[0-9a-f]{12}$", product.ImageUrl);
        Assert.Equal("/products/gooseneck-kettle", product.Url);
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync("/api/products/no-such-product");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await response.Content.ReadFromJsonAsync<ProblemJson>())!.Status);
    }

    [Fact]
    public async Task Malformed_filters_are_a_validation_problem_naming_each_parameter()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync("/api/products?page=abc&sort=xyz&category=nope&q=" + new string('x', 1_000));
        var problem = await response.Content.ReadFromJsonAsync<ProblemJson>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["category", "page", "q", "sort"], problem!.Errors!.Keys.Order());
    }

    [Fact]
    public async Task An_unknown_api_path_is_a_404_problem_not_the_html_error_page()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

using System.Net;
using Storefront.Catalog;
using Storefront.Operations.Products;

namespace Storefront.Tests;

/// <summary>The operator's product list, <c>/operations/products</c>.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ProductListTests(StorefrontFixture shop)
{
    private static readonly Product[] Products =
    [
        new("mug", "Enamel Mug", "", "outdoors", "Outdoors", 14.50m, Stock: 3, "i.svg", FeaturedRank: 2),
        new("kettle", "Gooseneck Kettle", "", "coffee", "Coffee", 64m, Stock: 40, "i.svg", FeaturedRank: 1),
        new("old-mug", "Old Mug", "", "outdoors", "Outdoors", 9m, Stock: 0, "i.svg", FeaturedRank: 3, OnSale: false),
    ];

    [Theory]
    [InlineData(null, null, false, false, "name", new[] { "mug", "kettle" })]
    [InlineData("MUG", null, false, true, "name", new[] { "mug", "old-mug" })]
    [InlineData("old-", null, false, true, "id", new[] { "old-mug" })]
    [InlineData(null, "outdoors", false, false, "name", new[] { "mug" })]
    [InlineData(null, null, true, true, "stock", new[] { "old-mug", "mug" })]
    [InlineData(null, null, false, true, "price", new[] { "old-mug", "mug", "kettle" })]
    [InlineData(null, null, false, false, "no-such-sort", new[] { "mug", "kettle" })]
    public void The_list_searches_name_and_id_filters_category_low_stock_and_retired_and_sorts(
        string? q, string? category, bool lowStock, bool retired, string sort, string[] expected)
    {
        var page = ProductList.Browse(Products, ProductListQuery.Parse(q, category, lowStock, retired, sort, 1), lowStockThreshold: 5);

        Assert.Equal(expected, page.Products.Select(p => p.Id));
    }

    [Fact]
    public void A_page_past_the_end_shows_the_last_page()
    {
        var many = Enumerable.Range(0, 60).Select(i => Products[0] with { Id = $"p-{i:D2}", Name = $"P {i:D2}" });

        var page = ProductList.Browse(many, ProductListQuery.Parse(null, null, false, false, "id", 99), 5);

        Assert.Equal((3, 3, 60), (page.Page, page.PageCount, page.TotalCount));
        Assert.Equal(["p-50", "p-59"], new[] { page.Products[0].Id, page.Products[^1].Id });
    }

    [Fact]
    public async Task An_admin_lists_low_stock_products_under_the_configured_threshold_and_others_get_not_found()
    {
        var low = await shop.CreateProductAsync(price: 2m, stock: 2, name: $"Low {Guid.NewGuid():N}");
        var plenty = await shop.CreateProductAsync(price: 2m, stock: 3, name: $"Plenty {Guid.NewGuid():N}");
        await using var storefront = shop.CreateShoppingStorefront(new Dictionary<string, string?>
        {
            ["Operations__Products__LowStockThreshold"] = "2",
        }).WithTestSignIn();
        using var admin = storefront.Browser(ProductEditorTests.Admin);
        using var shopper = storefront.Browser("shopper-1");

        var page = await admin.GetDocumentAsync("/operations/products?lowStock=true&sort=stock");
        var operations = await admin.GetDocumentAsync("/operations");

        var listed = page.QuerySelectorAll("#products tbody tr").Select(r => r.GetAttribute("data-product-id")).ToList();
        Assert.Contains(low, listed);
        Assert.DoesNotContain(plenty, listed);
        Assert.Contains("Low stock (2 or fewer)", page.QuerySelector("label[for=lowStock]")!.TextContent);
        Assert.NotNull(operations.QuerySelector("a[href='/operations/products']"));
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync("/operations/products")).StatusCode);
    }
}

using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class ProductPageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task The_product_page_shows_image_description_price_and_buying_controls()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/products/cast-iron-skillet");

        Assert.Equal("Cast Iron Skillet, Ø 24 cm", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("$49.00", page.QuerySelector(".product-price")?.TextContent);
        Assert.Contains("Pre-seasoned cast iron skillet", page.QuerySelector(".product-description")?.TextContent);
        Assert.Equal("Cast Iron Skillet, Ø 24 cm", page.QuerySelector("img.product-image")?.GetAttribute("alt"));
        Assert.Equal("In stock", page.QuerySelector(".stock")?.TextContent);
        var form = (IHtmlFormElement)page.QuerySelector("form.buy-form")!;
        Assert.Equal("post", form.Method);
        Assert.EndsWith("/cart/lines", form.Action);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("/checkout/buy-now", form.QuerySelector("button[formaction]")?.GetAttribute("formaction"));
        Assert.False(((IHtmlFieldSetElement)form.QuerySelector("fieldset")!).IsDisabled);
        Assert.Equal("10", form.QuerySelector("input[name=quantity]")?.GetAttribute("max"));
    }

    [Fact]
    public async Task Low_stock_says_how_many_are_left_and_caps_the_quantity()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/products/cast-iron-teapot");

        Assert.Equal("Only 3 left", page.QuerySelector(".stock")?.TextContent);
        Assert.Equal("3", page.QuerySelector("input[name=quantity]")?.GetAttribute("max"));
    }

    [Fact]
    public async Task Out_of_stock_disables_buying()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/products/gooseneck-kettle");

        Assert.Equal("Out of stock", page.QuerySelector(".stock")?.TextContent);
        Assert.True(((IHtmlFieldSetElement)page.QuerySelector("form.buy-form fieldset")!).IsDisabled);
    }

    [Fact]
    public async Task Stock_shown_is_never_older_than_the_catalog_snapshots_lifetime()
    {
        var clock = new ShopClock();
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Catalog__SnapshotLifetime"] = "00:00:30" })
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = storefront.CreateClient();
        Assert.NotEqual("Out of stock", (await client.GetDocumentAsync("/products/oak-wall-clock")).QuerySelector(".stock")?.TextContent);
        await shop.SetStockAsync("oak-wall-clock", 0);
        try
        {
            clock.Now += TimeSpan.FromSeconds(29);
            var kept = await client.GetDocumentAsync("/products/oak-wall-clock");
            clock.Now += TimeSpan.FromSeconds(2);
            var page = await client.GetDocumentAsync("/products/oak-wall-clock");

            Assert.NotEqual("Out of stock", kept.QuerySelector(".stock")?.TextContent);
            Assert.Equal("Out of stock", page.QuerySelector(".stock")?.TextContent);
            Assert.True(((IHtmlFieldSetElement)page.QuerySelector("form.buy-form fieldset")!).IsDisabled);
        }
        finally
        {
            await shop.SetStockAsync("oak-wall-clock", ProductsTable.Seeded("oak-wall-clock").Stock);
        }
    }

    [Theory]
    [InlineData("/products/no-such-product")]
    [InlineData("/products/%F0%9F%9B%B6")]
    [InlineData("/products/%E2%80%AEtpircs")]
    public async Task An_unknown_product_gets_a_real_404_page(string url)
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_product_id_too_long_for_a_table_key_is_simply_not_found()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync("/products/" + new string('x', 3000));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

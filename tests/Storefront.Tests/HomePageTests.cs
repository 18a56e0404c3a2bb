using System.Net;
using LocalDev.LocalAws;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class HomePageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task The_catalog_pages_together_list_every_seeded_product_from_DynamoDB_with_its_price()
    {
        var seed = SeedCatalog.Load(RepoPaths.SeedCatalog);
        using var client = shop.Storefront.CreateClient();

        var html = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            html.Add(WebUtility.HtmlDecode(await client.GetStringAsync($"/?page={page}")));
        }

        Assert.All(seed.Products, p => Assert.Contains(html, h => h.Contains(p.Name)));
        var product = seed.Products.OrderBy(p => p.FeaturedRank).First();
        Assert.Contains(product.Price.ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US")), html[0]);
    }

    [Fact]
    public async Task Product_images_and_styles_are_served_from_the_static_folder_locally()
    {
        using var client = shop.Storefront.CreateClient();

        var css = await client.GetAsync("/static/css/site.css");
        var image = await client.GetAsync("/static/images/products/enamel-camp-mug.svg");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("image/svg+xml", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_page_gets_the_shops_404_page()
    {
        using var client = shop.Storefront.CreateClient();

        var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using LocalDev.LocalAws;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class HomePageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Home_page_lists_every_seeded_product_from_DynamoDB_with_its_price()
    {
        var seed = SeedCatalog.Load(RepoPaths.SeedCatalog);
        using var client = shop.Storefront.CreateClient();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.All(seed.Products, p => Assert.Contains(p.Name, html));
        var product = seed.Products.OrderBy(p => p.FeaturedRank).First();
        Assert.Contains(product.Price.ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US")), html);
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

using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CatalogSnapshotTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Listings_come_from_the_snapshot_until_it_expires_then_from_the_table()
    {
        var clock = new ShopClock();
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Catalog__SnapshotLifetime"] = "00:00:30" })
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = storefront.CreateClient();
        Assert.Equal("$14.50", await CardPriceAsync(client, "enamel-camp-mug"));

        await shop.SetPriceAsync("enamel-camp-mug", 15.25m);
        try
        {
            clock.Now += TimeSpan.FromSeconds(29);
            Assert.Equal("$14.50", await CardPriceAsync(client, "enamel-camp-mug"));

            clock.Now += TimeSpan.FromSeconds(2);
            Assert.Equal("$15.25", await CardPriceAsync(client, "enamel-camp-mug"));
        }
        finally
        {
            await shop.SetPriceAsync("enamel-camp-mug", ProductsTable.Seeded("enamel-camp-mug").Price);
        }
    }

    [Fact]
    public async Task The_first_snapshot_is_taken_as_the_app_starts_before_any_request()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Storefront.Catalog.CatalogSnapshots"] = "Debug",
        });
        var telemetry = storefront.Services.GetRequiredService<CapturedTelemetry>(); // starts the app; no request is made

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!telemetry.LinesWithTemplate("Catalog snapshot of {ProductCount} products taken").Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Single(telemetry.LinesWithTemplate("Catalog snapshot of {ProductCount} products taken"));
    }

    [Fact]
    public void A_snapshot_lifetime_outside_one_second_to_ten_minutes_stops_start_up()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Catalog__SnapshotLifetime"] = "01:00:00" });

        var error = Assert.ThrowsAny<Exception>(() => storefront.CreateClient());

        Assert.Contains("SnapshotLifetime", error.ToString());
    }

    private static async Task<string?> CardPriceAsync(HttpClient client, string productId)
    {
        var page = await client.GetDocumentAsync("/?q=mug");
        return page.QuerySelector($"[data-product-id={productId}] .product-price")?.TextContent;
    }
}

using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using TestSupport;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>
/// The catalog snapshot refreshed by change: an instance reads the products changed since its last look from the
/// change index, and scans the whole table only at start and once per <see cref="CatalogOptions.FullScanInterval"/>.
/// The writes are made by another instance (the fixture's shopping Storefront) with the app's own code.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class CatalogChangeFeedTests(StorefrontFixture shop)
{
    private const string Lifetime = "00:00:30";

    [Fact]
    public async Task A_product_changed_by_every_write_path_appears_on_another_instance_after_its_lifetime_without_a_scan()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await shop.CreateProductAsync(price: 10m, stock: 10));
        }
        var (observer, clock) = Observer();
        await using var _ = observer;
        var snapshots = observer.Services.GetRequiredService<CatalogSnapshots>();
        Assert.All(ids, id => Assert.NotNull(snapshots.CurrentAsync(CancellationToken.None).Result.Find(id)));

        var writer = shop.Shopping.Services;
        var catalog = writer.GetRequiredService<ProductCatalog>();
        var editor = writer.GetRequiredService<ProductEditor>();
        var dynamo = writer.GetRequiredService<IAmazonDynamoDB>();
        var (checkout, cancel, edit, restock, retire) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [catalog.TakeStock((await catalog.FindAsync(checkout, default))!, 3)] });
        await dynamo.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = [catalog.ReturnStock(cancel, 2)] });
        var edited = (await catalog.FindAsync(edit, default))!;
        Assert.IsType<ProductEditResult.Saved>(await editor.SaveAsync(edit, edited.Version, ProductFields.Of(edited) with { Price = 7.75m }, "operator", default));
        Assert.IsType<StockChangeResult.Changed>(await editor.ChangeStockAsync(restock, new StockChange(5, IsExactCount: false), "delivery", "operator", default));
        var retired = (await catalog.FindAsync(retire, default))!;
        Assert.IsType<ProductEditResult.Saved>(await editor.SaveAsync(retire, retired.Version, ProductFields.Of(retired) with { OnSale = false }, "operator", default));

        clock.Now += TimeSpan.FromSeconds(29);
        var kept = await snapshots.CurrentAsync(default);
        clock.Now += TimeSpan.FromSeconds(2);
        var refreshed = await snapshots.CurrentAsync(default);

        Assert.Equal(10, kept.Find(checkout)!.Stock);
        Assert.Equal(7, refreshed.Find(checkout)!.Stock);
        Assert.Equal(12, refreshed.Find(cancel)!.Stock);
        Assert.Equal(7.75m, refreshed.Find(edit)!.Price);
        Assert.Equal(15, refreshed.Find(restock)!.Stock);
        Assert.False(refreshed.Find(retire)!.OnSale);
        Assert.DoesNotContain(refreshed.Products, p => p.Id == retire);
        Assert.Equal(["scan", "changes"], Reads(observer));
    }

    [Fact]
    public async Task A_product_changed_by_hand_without_the_change_stamp_shows_only_after_the_full_scan_interval()
    {
        var id = await shop.CreateProductAsync(price: 10m, stock: 1, byHand: true);
        var (observer, clock) = Observer(new() { ["Catalog__FullScanInterval"] = "00:10:00" });
        await using var _ = observer;
        var snapshots = observer.Services.GetRequiredService<CatalogSnapshots>();
        Assert.Equal(10m, (await snapshots.CurrentAsync(default)).Find(id)!.Price);

        await shop.SetPriceByHandAsync(id, 11m, StorefrontFixture.ScratchProductsTable);
        clock.Now += TimeSpan.FromMinutes(9);
        var beforeTheScan = (await snapshots.CurrentAsync(default)).Find(id)!.Price;
        clock.Now += TimeSpan.FromMinutes(1);
        var afterTheScan = (await snapshots.CurrentAsync(default)).Find(id)!.Price;

        Assert.Equal(10m, beforeTheScan);
        Assert.Equal(11m, afterTheScan);
        Assert.Equal(["scan", "changes", "scan"], Reads(observer));
    }

    [Fact]
    public async Task A_refresh_that_finds_no_change_keeps_the_same_snapshot_and_so_the_kept_pages()
    {
        var (observer, clock) = Observer();
        await using var _ = observer;
        var snapshots = observer.Services.GetRequiredService<CatalogSnapshots>();
        using var client = observer.CreateClient();
        var before = await snapshots.CurrentAsync(default);
        await client.GetStringAsync("/?q=test");

        clock.Now += TimeSpan.FromSeconds(31);
        var after = await snapshots.CurrentAsync(default);
        await client.GetStringAsync("/?q=test");

        Assert.Same(before, after);
        Assert.Equal(["scan", "changes"], Reads(observer));
        Assert.Single(observer.Services.GetRequiredService<CapturedTelemetry>().LinesWithTemplate("Executing endpoint '{EndpointName}'"),
            l => l.GetProperty("properties").GetProperty("EndpointName").GetString() == "/Catalog/Index");
    }

    [Fact]
    public async Task A_real_change_makes_a_new_snapshot_version()
    {
        var (observer, clock) = Observer();
        await using var _ = observer;
        var snapshots = observer.Services.GetRequiredService<CatalogSnapshots>();
        var before = await snapshots.CurrentAsync(default);

        var id = await shop.CreateProductAsync(price: 3m, stock: 2);
        clock.Now += TimeSpan.FromSeconds(31);
        var after = await snapshots.CurrentAsync(default);

        Assert.NotEqual(before.Version, after.Version);
        Assert.Null(before.Find(id));
        Assert.Equal(3m, after.Find(id)!.Price);
    }

    [Fact]
    public async Task The_product_editor_lists_categories_from_the_snapshot_and_an_operators_new_category_at_once()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = storefront.Browser(ProductEditorTests.Admin);
        var category = $"Category {Guid.NewGuid():N}"[..20];

        var created = await client.PostAsync("/operations/products/new", Form(await client.TokenAsync("/operations/products/new"),
            ("Form.Name", $"Thing in {category}"), ("Form.Description", "New."), ("Form.NewCategoryName", category),
            ("Form.Price", "5"), ("Form.FeaturedRank", "1"), ("Form.OnSale", "true"), ("Stock", "1")));
        var editor = await Html.ParseAsync(await client.GetStringAsync(created.Headers.Location!.OriginalString));
        var newProduct = await Html.ParseAsync(await client.GetStringAsync("/operations/products/new"));

        Assert.Equal(category, editor.QuerySelector("#Form_Category option[selected]")!.TextContent);
        Assert.Contains(category, newProduct.QuerySelectorAll("#Form_Category option").Select(o => o.TextContent));
        Assert.Equal(["scan"], Reads(storefront));
    }

    [Fact]
    public void A_full_scan_interval_shorter_than_the_snapshot_lifetime_stops_start_up()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Catalog__SnapshotLifetime"] = "00:05:00",
            ["Catalog__FullScanInterval"] = "00:02:00",
        });

        var error = Assert.ThrowsAny<Exception>(() => storefront.CreateClient());

        Assert.Contains("FullScanInterval", error.ToString());
    }

    /// <summary>A Storefront on the scratch products table, with a clock the test moves, whose first scan is done.</summary>
    private (WebApplicationFactory<Program> Storefront, ShopClock Clock) Observer(Dictionary<string, string?>? settings = null)
    {
        var clock = new ShopClock();
        var storefront = shop.CreateShoppingStorefront(new Dictionary<string, string?>(settings ?? [])
        {
            ["Catalog__SnapshotLifetime"] = Lifetime,
            ["Logging__LogLevel__Microsoft.AspNetCore.Routing"] = "Information", // each time Razor Pages runs a page
        })
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        return (storefront, clock);
    }

    /// <summary>How the instance read the products table, in order: "scan" (whole) or "changes" (the change index).</summary>
    private static List<string> Reads(WebApplicationFactory<Program> storefront) =>
        storefront.Services.GetRequiredService<CapturedTelemetry>().Metric("CatalogReadUnits")
            .Select(d => d.GetProperty("Read").GetString()!).ToList();
}

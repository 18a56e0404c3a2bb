using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Checkout;
using Storefront.Shopping;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>Operators changing stock on a product's page: exact, atomic beside checkouts, and kept in its history.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class StockChangeTests(StorefrontFixture shop) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _storefront = null!;

    public async Task InitializeAsync() =>
        _storefront = shop.CreateShoppingStorefront(await shop.CreateIsolatedOrdersAsync()).WithTestSignIn();

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Fact]
    public async Task Adding_and_setting_stock_changes_the_count_and_lists_each_change_newest_first_with_who_and_why()
    {
        var product = await shop.CreateProductAsync(price: 4m, stock: 7);
        using var client = _storefront.Browser(ProductEditorTests.Admin);

        var added = await ChangeStockAsync(client, product, "Add", "20", "Delivery from the workshop");
        var set = await ChangeStockAsync(client, product, "Set", "25", "Counted on the shelf");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(25, await shop.StockOfAsync(product));
        var page = await client.GetDocumentAsync(set.Headers.Location!.OriginalString);
        Assert.Equal("Stock is now 25.", page.QuerySelector("#editor-status")!.TextContent);
        Assert.Equal(["operator-1@example.com", "Stock", "27", "25", "Counted on the shelf"], ProductEditorTests.Cells(page, 0)[1..]);
        Assert.Equal(["operator-1@example.com", "Stock", "7", "27", "Delivery from the workshop"], ProductEditorTests.Cells(page, 1)[1..]);
    }

    [Theory]
    [InlineData("Remove", "8", "Broken in the store", "That would leave the stock at less than 0")]
    [InlineData("Add", "-3", "Sneaky", "Enter a whole number from 0 to 1,000,000.")]
    [InlineData("Set", "1000001", "Too many", "Enter a whole number from 0 to 1,000,000.")]
    [InlineData("Add", "999999999999", "Overflow", "is not valid")]
    [InlineData("Add", "5", "", "Say why the stock changes")]
    public async Task A_stock_change_that_is_invalid_or_would_go_below_zero_says_why_and_changes_nothing(
        string action, string amount, string reason, string error)
    {
        var product = await shop.CreateProductAsync(price: 4m, stock: 7);
        using var client = _storefront.Browser(ProductEditorTests.Admin);

        var response = await ChangeStockAsync(client, product, action, amount, reason);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(error, string.Join(" ", page.QuerySelectorAll(".stock-form .field-error").Select(e => e.TextContent)));
        Assert.Equal(7, await shop.StockOfAsync(product));
        Assert.Empty(page.QuerySelectorAll("#changes tbody tr"));
    }

    [Fact]
    public async Task A_stock_change_without_the_antiforgery_token_changes_nothing()
    {
        var product = await shop.CreateProductAsync(price: 4m, stock: 7);
        using var client = _storefront.Browser(ProductEditorTests.Admin);

        var response = await client.PostAsync($"/operations/products/{product}?handler=Stock",
            Form(null, ("Stock.Action", "Add"), ("Stock.Amount", "5"), ("Stock.Reason", "Forged")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(7, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Restocking_during_50_concurrent_checkouts_loses_no_decrement_and_never_goes_below_zero()
    {
        const int before = 30, added = 20;
        var product = await shop.CreateProductAsync(price: 3m, stock: before);
        var checkout = _storefront.Services.GetRequiredService<OrderPlacement>();
        using var client = _storefront.Browser(ProductEditorTests.Admin);
        var token = await client.TokenAsync($"/operations/products/{product}");
        using var start = new ManualResetEventSlim();

        var checkouts = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await checkout.PlaceOrderAsync(new Shopper($"stock-{i}-{Guid.NewGuid():N}", "s@example.com"), [new(product, 1)], ShippingAddresses.Sample,
                Guid.NewGuid().ToString(), $"corr-stock-{i}", CancellationToken.None);
        })).ToList();
        var restock = Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsync($"/operations/products/{product}?handler=Stock",
                Form(token, ("Stock.Action", "Add"), ("Stock.Amount", $"{added}"), ("Stock.Reason", "Delivery")));
        });
        start.Set();
        var results = await Task.WhenAll(checkouts);
        var restocked = await restock;

        Assert.Equal(HttpStatusCode.Redirect, restocked.StatusCode);
        var sold = results.Count(r => r is CheckoutResult.Accepted);
        var final = await shop.StockOfAsync(product);
        Assert.Equal(before + added - sold, final);
        Assert.True(final >= 0, $"Stock went to {final}.");
        var change = ProductEditorTests.Cells(await client.GetDocumentAsync($"/operations/products/{product}"), 0);
        Assert.Equal(added, int.Parse(change[4]) - int.Parse(change[3]));
    }

    private static async Task<HttpResponseMessage> ChangeStockAsync(HttpClient client, string product, string action, string amount, string reason) =>
        await client.PostAsync($"/operations/products/{product}?handler=Stock", Form(await client.TokenAsync($"/operations/products/{product}"),
            ("Stock.Action", action), ("Stock.Amount", amount), ("Stock.Reason", reason)));
}

using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Checkout;
using Storefront.Shopping;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>Retiring a product instead of deleting it, and putting it back on sale.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class RetiredProductTests(StorefrontFixture shop) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _storefront = null!;

    public async Task InitializeAsync() =>
        _storefront = shop.CreateShoppingStorefront(await shop.CreateIsolatedOrdersAsync()).WithTestSignIn();

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Fact]
    public async Task A_retired_product_leaves_the_catalog_and_api_answers_410_is_refused_at_checkout_and_stays_in_past_orders()
    {
        var name = $"Retiring {Guid.NewGuid():N}";
        var product = await shop.CreateProductAsync(price: 8m, stock: 10, name: name);
        var shopperId = $"shopper-{Guid.NewGuid():N}";
        using var shopper = _storefront.Browser(shopperId);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var checkout = _storefront.Services.GetRequiredService<OrderPlacement>();
        var past = Assert.IsType<CheckoutResult.Accepted>(await checkout.PlaceOrderAsync(new Shopper(shopperId, $"{shopperId}@example.com"),
            [new(product, 1)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), "corr-retire", CancellationToken.None)).Order;
        await shopper.PostAsync("/cart/lines", Form(await shopper.TokenAsync($"/products/{product}"), ("productId", product), ("quantity", "2")));
        Assert.Equal([product], (await shopper.GetDocumentAsync($"/?q={name}")).ProductIds());

        var retired = await SetOnSaleAsync(admin, product, onSale: false);

        Assert.Equal(HttpStatusCode.Redirect, retired.StatusCode);
        Assert.Empty((await shopper.GetDocumentAsync($"/?q={name}")).ProductIds());
        using var api = JsonDocument.Parse(await shopper.GetStringAsync($"/api/products?q={Uri.EscapeDataString(name)}"));
        Assert.Equal(0, api.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await shopper.GetAsync($"/api/products/{product}")).StatusCode);
        var page = await shopper.GetAsync($"/products/{product}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        var shown = await Html.ParseAsync(await page.Content.ReadAsStringAsync());
        Assert.Contains("This product is no longer available.", shown.QuerySelector("#no-longer-available")!.TextContent);
        Assert.Null(shown.QuerySelector("form.buy-form"));
        var cart = await shopper.GetDocumentAsync("/cart");
        Assert.Contains("No longer available", cart.QuerySelector($"tr[data-product-id='{product}'] .unavailable")!.TextContent);
        var refused = await checkout.PlaceOrderAsync(new Shopper(shopperId, $"{shopperId}@example.com"), [new(product, 1)], ShippingAddresses.Sample,
            Guid.NewGuid().ToString(), "corr-retired", CancellationToken.None);
        Assert.Equal([$"{name} is no longer available: remove it from your cart to check out."], Assert.IsType<CheckoutResult.Invalid>(refused).Errors);
        Assert.Equal(9, await shop.StockOfAsync(product));
        Assert.Contains(name, await shopper.GetStringAsync($"/orders/{past.OrderId}"));
    }

    [Fact]
    public async Task A_product_put_back_on_sale_returns_to_the_catalog_and_can_be_bought()
    {
        var name = $"Returning {Guid.NewGuid():N}";
        var product = await shop.CreateProductAsync(price: 8m, stock: 10, name: name);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        await SetOnSaleAsync(admin, product, onSale: false);
        Assert.Empty((await admin.GetDocumentAsync($"/?q={name}")).ProductIds());

        var back = await SetOnSaleAsync(admin, product, onSale: true);

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal([product], (await admin.GetDocumentAsync($"/?q={name}")).ProductIds());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/products/{product}")).StatusCode);
        var bought = await _storefront.Services.GetRequiredService<OrderPlacement>().PlaceOrderAsync(new Shopper("s-back", "s@example.com"),
            [new(product, 1)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), "corr-back", CancellationToken.None);
        Assert.IsType<CheckoutResult.Accepted>(bought);
        var history = ProductEditorTests.Cells(await admin.GetDocumentAsync($"/operations/products/{product}"), 0);
        Assert.Equal(["On sale", "no", "yes"], history[2..5]);
    }

    private static async Task<HttpResponseMessage> SetOnSaleAsync(HttpClient admin, string product, bool onSale)
    {
        var form = await ProductEditorTests.EditorFieldsAsync(admin, product);
        form["Form.OnSale"] = onSale ? "true" : "false";
        return await admin.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(form));
    }
}

using System.Net;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>A cart line remembers the price the shopper added it at, to tell them when the catalog's price moved.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CartPriceChangeTests(StorefrontFixture shop) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _storefront = null!;

    public async Task InitializeAsync() =>
        _storefront = shop.CreateShoppingStorefront(await shop.CreateIsolatedOrdersAsync()).WithTestSignIn();

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Fact]
    public async Task A_price_changed_since_adding_is_told_on_the_cart_and_checkout_and_the_new_price_is_charged()
    {
        var product = await shop.CreateProductAsync(price: 8m, stock: 10);
        var shopperId = $"shopper-{Guid.NewGuid():N}";
        using var shopper = _storefront.Browser(shopperId);
        await shopper.PostAsync("/cart/lines", Form(await shopper.TokenAsync($"/products/{product}"), ("productId", product), ("quantity", "2")));
        Assert.Null((await shopper.GetDocumentAsync("/cart")).QuerySelector(".price-changed"));

        await shop.SetPriceAsync(product, 10m, StorefrontFixture.ScratchProductsTable);

        var cart = await shopper.GetDocumentAsync("/cart");
        Assert.Equal("Price changed from $8.00 to $10.00 since you added it.", PriceChanged(cart, product));
        Assert.Equal("$20.00", cart.QuerySelector(".cart-subtotal")!.TextContent);
        var checkout = await shopper.GetDocumentAsync("/checkout");
        Assert.Equal("Price changed from $8.00 to $10.00 since you added it.", checkout.QuerySelector(".order-lines .price-changed")!.TextContent);
        var fields = checkout.QuerySelectorAll("form.checkout-form input[name]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "").WithAddress();
        var placed = await shopper.PostFormAsync("/checkout", fields);

        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        var order = Assert.Single(await PlacedOrders.ListedAsync(_storefront, shopperId));
        Assert.Equal(20m, order.Total);
    }

    [Fact]
    public async Task Adding_again_at_the_new_price_makes_it_the_price_seen()
    {
        var product = await shop.CreateProductAsync(price: 8m, stock: 10);
        using var shopper = _storefront.Browser($"shopper-{Guid.NewGuid():N}");
        var token = await shopper.TokenAsync($"/products/{product}");
        await shopper.PostAsync("/cart/lines", Form(token, ("productId", product)));
        await shop.SetPriceAsync(product, 6.5m, StorefrontFixture.ScratchProductsTable);
        Assert.Equal("Price changed from $8.00 to $6.50 since you added it.", PriceChanged(await shopper.GetDocumentAsync("/cart"), product));

        await shopper.PostAsync("/cart/lines", Form(token, ("productId", product)));

        var cart = await shopper.GetDocumentAsync("/cart");
        Assert.Null(cart.QuerySelector(".price-changed"));
        Assert.Equal("$13.00", cart.QuerySelector(".cart-subtotal")!.TextContent);
    }

    [Fact]
    public async Task A_cart_stored_before_carts_kept_prices_takes_new_lines_and_removals_and_then_tells_changes()
    {
        var (kept, added) = (await shop.CreateProductAsync(price: 4m, stock: 10), await shop.CreateProductAsync(price: 5m, stock: 10));
        var shopperId = $"shopper-{Guid.NewGuid():N}";
        using var shopper = _storefront.Browser(shopperId);
        var token = await shopper.TokenAsync($"/products/{kept}");
        await shopper.PostAsync("/cart/lines", Form(token, ("productId", kept), ("quantity", "3")));
        await ForgetPricesAsync($"shopper#{shopperId}");

        await shopper.PostAsync("/cart/lines", Form(token, ("productId", added)));
        await shopper.PostAsync("/cart/update", Form(token, ("productId", kept), ("quantity", "2")));
        await shop.SetPriceAsync(added, 7m, StorefrontFixture.ScratchProductsTable);
        await shop.SetPriceAsync(kept, 1m, StorefrontFixture.ScratchProductsTable);

        var cart = await shopper.GetDocumentAsync("/cart");
        Assert.Equal([kept, added], cart.QuerySelectorAll("tr[data-product-id]").Select(r => r.GetAttribute("data-product-id")));
        Assert.Equal("Price changed from $5.00 to $7.00 since you added it.", PriceChanged(cart, added));
        Assert.Null(PriceChanged(cart, kept)); // Added before prices were kept: nothing to compare with.
        Assert.Equal("$9.00", cart.QuerySelector(".cart-subtotal")!.TextContent);
        await shopper.PostAsync("/cart/remove", Form(token, ("productId", added)));
        Assert.Equal([kept], (await shopper.GetDocumentAsync("/cart")).QuerySelectorAll("tr[data-product-id]").Select(r => r.GetAttribute("data-product-id")));
    }

    private static string? PriceChanged(IDocument cart, string product) =>
        cart.QuerySelector($"tr[data-product-id='{product}'] .price-changed")?.TextContent;

    /// <summary>Makes the cart look as carts stored before the price map do.</summary>
    private async Task ForgetPricesAsync(string cartId)
    {
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "CartsTable",
            Key = new() { ["CartId"] = new AttributeValue { S = cartId } },
            UpdateExpression = "REMOVE LinePrices",
        });
    }
}

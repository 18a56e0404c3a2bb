using System.Net;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using AngleSharp.Html.Parser;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Catalog;
using Storefront.Checkout;

namespace Storefront.Tests;

/// <summary>DynamoDB failing during checkout: a clear "try again" (503), nothing half-written, the cart kept.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CheckoutOutageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task With_DynamoDB_unreachable_at_checkout_the_shopper_is_asked_to_try_again_and_keeps_the_cart()
    {
        // Only checkout talks to a DynamoDB endpoint where nothing listens; the rest of the shop works.
        var dead = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = $"http://127.0.0.1:{LocalProcesses.FreePort()}", MaxErrorRetry = 1 });
        await using var storefront = shop.CreateStorefront(await SeparateCatalog.SettingsAsync(shop)).WithTestSignIn().WithWebHostBuilder(web => web.ConfigureTestServices(services =>
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<OrderPlacement>(provider, dead,
                ActivatorUtilities.CreateInstance<ProductCatalog>(provider, dead), ActivatorUtilities.CreateInstance<OrderStore>(provider, dead)))));

        await AssertTryAgainKeepsTheCartAsync(storefront);
    }

    [Fact]
    public async Task With_the_orders_table_missing_the_shopper_is_asked_to_try_again_and_keeps_the_cart()
    {
        await using var storefront = shop.CreateStorefront(await SeparateCatalog.SettingsAsync(shop, new() { ["Tables__Orders"] = "NoSuchOrdersTable" })).WithTestSignIn();

        await AssertTryAgainKeepsTheCartAsync(storefront);
    }

    private async Task AssertTryAgainKeepsTheCartAsync(WebApplicationFactory<Program> storefront)
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 7m, stock: 5);
        var shopper = $"outage-{Guid.NewGuid():N}";
        using var client = storefront.Browser(shopper);
        var token = await client.TokenAsync($"/products/{product}");
        (await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", product), ("quantity", "2")))).NotAServerError();
        var form = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/checkout"));
        var fields = form.QuerySelectorAll("form.checkout-form input[name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "").WithAddress();

        var response = await client.PostFormAsync("/checkout", fields);
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("please try again", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(fields["IdempotencyKey"], page.QuerySelector("input[name=IdempotencyKey]")!.GetAttribute("value"));
        Assert.Equal(product, page.QuerySelector("input[name='Lines[0].ProductId']")!.GetAttribute("value"));
        var cart = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/cart"));
        Assert.Equal(product, Assert.Single(cart.QuerySelectorAll("tr[data-product-id]")).GetAttribute("data-product-id"));
        Assert.Empty(await PlacedOrders.ListedAsync(shop.Storefront, shopper));
        var stock = await storefront.Services.GetRequiredService<ProductCatalog>().FindManyAsync([product], CancellationToken.None);
        Assert.Equal(5, stock[product].Stock);
    }
}

using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;

using Storefront.Shopping;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CheckoutPageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Submitting_the_checkout_form_twice_places_one_order_and_shows_it_as_received()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 12.34m, stock: 5);
        var form = await CheckoutFormAsync(client, $"/checkout?buy={product}&quantity=2");

        var first = await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "2")));
        var second = await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "2")));
        var received = await client.GetDocumentAsync(first.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("Order received", received.QuerySelector("h1")!.TextContent);
        Assert.Contains("$24.68", received.QuerySelector(".order-lines tfoot")!.TextContent);
        Assert.Single(await PlacedOrders.ListedAsync(storefront, shopperId));
    }

    [Fact]
    public async Task The_address_is_stored_on_the_order_shown_on_its_page_and_prefilled_at_the_next_checkout()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 5m, stock: 5);
        var first = await CheckoutFormAsync(client, $"/checkout?buy={product}");

        var placed = await client.PostAsync("/checkout", Fields(first, ("Lines[0].Quantity", "1"),
            ("ShipTo.FullName", "  Grace Hopper "), ("ShipTo.Line2", "Suite 4"), ("ShipTo.Region", "VA"), ("ShipTo.Country", "US"), ("ShipTo.Phone", "+1 555 0100")));
        var orderPage = await client.GetDocumentAsync(placed.Headers.Location!.OriginalString);
        var next = await CheckoutFormAsync(client, $"/checkout?buy={product}");

        var stored = Assert.Single(await PlacedOrders.ListedAsync(storefront, shopperId)).ShipTo;
        Assert.Equal(new ShippingAddress("Grace Hopper", "12 St James's Square", "Suite 4", "London", "VA", "SW1Y 4JH", "US", "+1 555 0100"), stored);
        Assert.Equal(["Grace Hopper", "12 St James's Square", "Suite 4", "London VA SW1Y 4JH", "United States"],
            orderPage.QuerySelector(".ship-to address")!.ChildNodes.Select(n => n.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.Equal("Grace Hopper", next.QuerySelector("input[name='ShipTo.FullName']")!.GetAttribute("value"));
        Assert.Equal("Suite 4", next.QuerySelector("input[name='ShipTo.Line2']")!.GetAttribute("value"));
        Assert.Equal("US", next.QuerySelector("select[name='ShipTo.Country'] option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("ShipTo.FullName", "", "Enter your full name.")]
    [InlineData("ShipTo.Country", "XX", "Choose a country from the list.")]
    [InlineData("ShipTo.Country", "", "Choose the country.")]
    [InlineData("ShipTo.Line1", "1 Main St\u0001", "Use only letters, digits, spaces and punctuation for the street address.")]
    [InlineData("ShipTo.City", "city-of-5000", "Use at most 60 characters for the town or city.")]
    [InlineData("ShipTo.Phone", "call me", "A phone number has only digits, spaces and + - ( ) .")]
    public async Task A_missing_or_bad_address_field_is_named_beside_it_with_the_shoppers_input_kept_and_nothing_is_ordered(
        string field, string value, string message)
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 3m, stock: 5);
        var form = await CheckoutFormAsync(client, $"/checkout?buy={product}");
        value = value == "city-of-5000" ? new string('c', 5000) : value;

        var response = await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "1"), ("ShipTo.FullName", "Ada <b>Lovelace</b>"), (field, value)));
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var id = field.Replace('.', '_');
        Assert.Equal(message, page.QuerySelector($"#{id}-error")!.TextContent);
        Assert.Equal($"{id}-error", page.QuerySelector($"#{id}")!.GetAttribute("aria-describedby"));
        Assert.Single(page.QuerySelectorAll("[aria-invalid=true]"));
        var keptName = field == "ShipTo.FullName" ? value : "Ada <b>Lovelace</b>";
        Assert.Equal(keptName, page.QuerySelector("#ShipTo_FullName")!.GetAttribute("value") ?? "");
        Assert.Empty(await PlacedOrders.ListedAsync(storefront, shopperId));
        Assert.Equal(5, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task A_price_or_total_posted_with_the_form_is_ignored()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 40m, stock: 5);
        var form = await CheckoutFormAsync(client, $"/checkout?buy={product}");

        await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "1"), ("Lines[0].Price", "0.01"), ("Total", "0")));

        var order = Assert.Single(await PlacedOrders.ListedAsync(storefront, shopperId));
        Assert.Equal(40m, order.Total);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("1e9")]
    [InlineData("lots")]
    public async Task A_bad_quantity_shows_the_form_again_with_an_error_and_the_shoppers_input(string quantity)
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 3m, stock: 50);
        var form = await CheckoutFormAsync(client, $"/checkout?buy={product}");

        var response = await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", quantity)));
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(page.QuerySelector(".form-errors"));
        Assert.NotNull(page.QuerySelector("input[name='Lines[0].Quantity']"));
        Assert.Empty(await PlacedOrders.ListedAsync(storefront, shopperId));
    }

    [Fact]
    public async Task A_checkout_post_without_the_antiforgery_token_is_refused()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out _);

        var response = await client.PostAsync("/checkout", new FormUrlEncodedContent(
            [new("IdempotencyKey", Guid.NewGuid().ToString()), new("Lines[0].ProductId", "enamel-camp-mug"), new("Lines[0].Quantity", "1")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_and_the_orders_page_lists_only_your_own()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var alice = Shopper(storefront, out _);
        using var bob = Shopper(storefront, out _);
        var product = await shop.CreateProductAsync(price: 5m, stock: 5);
        var form = await CheckoutFormAsync(alice, $"/checkout?buy={product}");
        var placed = await alice.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "1")));
        var orderUrl = placed.Headers.Location!.OriginalString.Split('?')[0];

        var stolen = await bob.GetAsync(orderUrl);
        var bobsOrders = await bob.GetDocumentAsync("/orders");
        var alicesOrders = await alice.GetDocumentAsync("/orders");

        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
        Assert.Empty(bobsOrders.QuerySelectorAll("table.orders tbody tr"));
        Assert.Single(alicesOrders.QuerySelectorAll("table.orders tbody tr"));
    }

    [Fact]
    public async Task The_status_poll_gets_only_the_status_block_and_polling_stops_once_the_order_is_confirmed()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out var shopperId);
        var product = await shop.CreateProductAsync(price: 5m, stock: 5);
        var form = await CheckoutFormAsync(client, $"/checkout?buy={product}");
        var orderUrl = (await client.PostAsync("/checkout", Fields(form, ("Lines[0].Quantity", "1")))).Headers.Location!.OriginalString.Split('?')[0];

        var pending = await PollAsync(client, orderUrl);
        await Orders(storefront).ConfirmAsync(shopperId, orderUrl.Split('/').Last(), CancellationToken.None);
        var confirmed = await PollAsync(client, orderUrl);

        Assert.Null(pending.QuerySelector("header"));
        Assert.Equal("every 2s", pending.QuerySelector("#order-status")!.GetAttribute("hx-trigger"));
        Assert.Contains("Pending", pending.QuerySelector("#order-status")!.TextContent);
        Assert.Null(confirmed.QuerySelector("#order-status")!.GetAttribute("hx-trigger"));
        Assert.Contains("Confirmed", confirmed.QuerySelector("#order-status")!.TextContent);
    }

    [Fact]
    public async Task Checkout_and_orders_send_a_visitor_to_sign_in()
    {
        using var client = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var checkout = await client.GetAsync("/checkout");
        var orders = await client.GetAsync("/orders");

        Assert.Equal(HttpStatusCode.Redirect, checkout.StatusCode);
        Assert.StartsWith(shop.SignIn.ProviderUrl, checkout.Headers.Location!.AbsoluteUri);
        Assert.StartsWith(shop.SignIn.ProviderUrl, orders.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Buy_now_goes_to_checkout_with_that_one_product_and_leaves_the_cart_alone()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var client = Shopper(storefront, out _);
        var product = await shop.CreateProductAsync(price: 7m, stock: 5, name: "Buy Now Lamp");
        var page = await client.GetDocumentAsync($"/products/{product}");
        var token = page.QuerySelector("form.buy-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var buyNow = await client.PostAsync("/checkout/buy-now", new FormUrlEncodedContent(
            [new("productId", product), new("quantity", "2"), new("__RequestVerificationToken", token)]));
        var checkout = await client.GetDocumentAsync(buyNow.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, buyNow.StatusCode);
        Assert.Contains("Buy Now Lamp", checkout.QuerySelector("form.checkout-form")!.TextContent);
        Assert.Equal("2", checkout.QuerySelector("input[name='Lines[0].Quantity']")!.GetAttribute("value"));
        Assert.Equal("buy-now", checkout.QuerySelector("input[name=Source]")!.GetAttribute("value"));
    }

    private static HttpClient Shopper(WebApplicationFactory<Program> storefront, out string shopperId)
    {
        shopperId = Guid.NewGuid().ToString();
        var client = storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(TestSignInHandler.Header, shopperId);
        return client;
    }

    private static async Task<IElement> CheckoutFormAsync(HttpClient client, string url) =>
        (await client.GetDocumentAsync(url)).QuerySelector("form.checkout-form") ?? throw new InvalidOperationException($"No checkout form at {url}.");

    /// <summary>The form's hidden fields (key, token, lines) and the sample address, with <paramref name="fields"/> added
    /// or replaced.</summary>
    private static FormUrlEncodedContent Fields(IElement form, params (string Name, string Value)[] fields)
    {
        var values = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "").WithAddress();
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return new FormUrlEncodedContent(values);
    }

    private static async Task<IDocument> PollAsync(HttpClient client, string orderUrl)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, orderUrl);
        request.Headers.Add("HX-Request", "true");
        using var response = await client.SendAsync(request);
        return await Html.ParseAsync(await response.Content.ReadAsStringAsync());
    }

    private static OrderStore Orders(WebApplicationFactory<Program> storefront) => storefront.Services.GetRequiredService<OrderStore>();
}

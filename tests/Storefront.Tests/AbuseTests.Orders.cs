using System.Net;
using AngleSharp.Html.Parser;
using Storefront.Checkout;

using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>Forged quantities, ids, keys and prices, and one shopper reaching for another's order.</summary>
public sealed partial class AbuseTests
{
    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("99999999999")]
    [InlineData("abc")]
    [InlineData("1e3")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("٣")]
    public async Task Odd_quantities_in_the_cart_never_leave_it_outside_one_to_ten(string quantity)
    {
        using var client = Shop.Browser();
        var token = await client.TokenAsync("/");

        var added = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", quantity)));
        var updated = await client.PostAsync("/cart/update", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", quantity)));
        var cart = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/cart"));

        added.NotAServerError();
        updated.NotAServerError();
        var count = int.Parse(cart.QuerySelector(".cart-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, 0, 10);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("11")]
    [InlineData("2147483648")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task Odd_quantities_at_checkout_are_refused_and_nothing_is_ordered(string quantity)
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 4m, stock: 50);
        var shopper = NewShopper();
        using var client = Shop.Browser(shopper);
        var form = await client.CheckoutFormAsync(product);
        form["Lines[0].Quantity"] = quantity;

        var response = await client.PostFormAsync("/checkout", form);

        response.IsClientError(HttpStatusCode.BadRequest);
        Assert.Empty(await PlacedOrders.ListedAsync(shop.Storefront, shopper));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("99999999999")]
    public async Task Odd_quantities_on_buy_now_and_its_checkout_link_are_answered_safely(string quantity)
    {
        using var client = Shop.Browser(NewShopper());
        var token = await client.TokenAsync("/products/enamel-camp-mug");

        var buyNow = await client.PostAsync("/checkout/buy-now", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", quantity)));
        var checkout = await client.GetAsync($"/checkout?buy=enamel-camp-mug&quantity={quantity}");

        buyNow.NotAServerError();
        checkout.NotAServerError();
    }

    [Fact]
    public async Task Prices_and_totals_sent_with_the_order_are_ignored()
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 12.5m, stock: 5);
        var shopper = NewShopper();
        using var client = Shop.Browser(shopper);
        var form = await client.CheckoutFormAsync(product, quantity: 2);
        form["Lines[0].Price"] = "0.01";
        form["Total"] = "0.02";
        form["Lines[0].UnitPrice"] = "0.01";

        var response = await client.PostFormAsync("/checkout", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(25m, Assert.Single(await PlacedOrders.ListedAsync(shop.Storefront, shopper)).Total);
    }

    [Theory]
    [InlineData("<script>")]
    [InlineData("short")]
    [InlineData("../../CHECKOUT#x")]
    public async Task A_tampered_idempotency_key_is_refused(string key)
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 1m, stock: 5);
        using var client = Shop.Browser(NewShopper());
        var form = await client.CheckoutFormAsync(product);
        form["IdempotencyKey"] = key;

        var response = await client.PostFormAsync("/checkout", form);

        response.IsClientError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Tampered_lines_unknown_duplicated_too_many_or_sparse_are_refused()
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 1m, stock: 50);
        using var client = Shop.Browser(NewShopper());
        var form = await client.CheckoutFormAsync(product);
        var token = form[AbuseTestSupport.TokenField];
        IEnumerable<(string, string)> Lines(params string[] ids) => ids.SelectMany((id, i) =>
            new[] { ($"Lines[{i}].ProductId", id), ($"Lines[{i}].Quantity", "1") });

        var attempts = new[]
        {
            Lines("no-such-product").ToArray(),
            Lines(product, product).ToArray(),
            Lines(Enumerable.Repeat(product, 21).Select((p, i) => i == 0 ? p : $"{p}-{i}").ToArray()).ToArray(),
            [("Lines[500].ProductId", product), ("Lines[500].Quantity", "1")],
        };
        foreach (var lines in attempts)
        {
            var fields = lines.Concat(ShippingAddresses.FormFields).Append(("IdempotencyKey", Guid.NewGuid().ToString())).ToArray();
            (await client.PostAsync("/checkout", AbuseTestSupport.Form(token, fields))).IsClientError(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Another_shoppers_order_is_not_found_and_their_checkout_key_places_nothing_of_theirs()
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 6m, stock: 10);
        var (owner, intruder) = (NewShopper(), NewShopper());
        using var ownerClient = Shop.Browser(owner);
        using var intruderClient = Shop.Browser(intruder);
        var ownersForm = await ownerClient.CheckoutFormAsync(product);
        var placed = await ownerClient.PostFormAsync("/checkout", ownersForm);
        var orderUrl = placed.Headers.Location!.OriginalString.Split('?')[0];

        var page = await intruderClient.GetAsync(orderUrl);
        using var poll = new HttpRequestMessage(HttpMethod.Get, orderUrl);
        poll.Headers.Add("HX-Request", "true");
        var statusPoll = await intruderClient.SendAsync(poll);
        var intrudersForm = await intruderClient.CheckoutFormAsync(product);
        intrudersForm["IdempotencyKey"] = ownersForm["IdempotencyKey"];
        var replay = await intruderClient.PostFormAsync("/checkout", intrudersForm);
        var anonymous = await Shop.Browser().GetAsync(orderUrl);

        page.IsClientError(HttpStatusCode.NotFound);
        statusPoll.IsClientError(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.NotEqual(orderUrl, replay.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Single(await PlacedOrders.ListedAsync(shop.Storefront, owner));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}

using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CartPageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_visitor_adds_a_product_with_a_plain_form_post_and_sees_it_in_the_cart_with_its_catalog_price()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/products/enamel-camp-mug");

        var added = await browser.PostAsync("/cart/lines", Form(token, ("productId", "enamel-camp-mug"), ("quantity", "2"), ("price", "0.01")));
        var cart = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/cart"));

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var row = Assert.Single(cart.QuerySelectorAll("tr[data-product-id]"));
        Assert.Equal("enamel-camp-mug", row.GetAttribute("data-product-id"));
        Assert.Equal("$29.00", cart.QuerySelector(".cart-subtotal")!.TextContent);
        Assert.Equal("2", cart.QuerySelector(".cart-count")!.TextContent);
    }

    [Fact]
    public async Task An_htmx_add_answers_a_message_and_the_new_header_count_out_of_band()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/");
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/lines") { Content = Form(token, ("productId", "brass-fountain-pen")) };
        request.Headers.Add("HX-Request", "true");

        var response = await browser.SendAsync(request);
        var html = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(html.QuerySelector("header"));
        Assert.Equal("true", html.QuerySelector("#cart-link")!.GetAttribute("hx-swap-oob"));
        Assert.Equal("1", html.QuerySelector(".cart-count")!.TextContent);
    }

    [Fact]
    public async Task Changing_a_quantity_and_removing_a_line_update_the_cart()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/");
        await browser.PostAsync("/cart/lines", Form(token, ("productId", "enamel-camp-mug")));
        await browser.PostAsync("/cart/lines", Form(token, ("productId", "brass-fountain-pen")));

        await browser.PostAsync("/cart/update", Form(token, ("productId", "enamel-camp-mug"), ("quantity", "4")));
        await browser.PostAsync("/cart/remove", Form(token, ("productId", "brass-fountain-pen")));
        var cart = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/cart"));

        var row = Assert.Single(cart.QuerySelectorAll("tr[data-product-id]"));
        Assert.Equal("enamel-camp-mug", row.GetAttribute("data-product-id"));
        Assert.Equal("$58.00", cart.QuerySelector(".cart-subtotal")!.TextContent);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.PostAsync("/cart/lines", new FormUrlEncodedContent([new("productId", "enamel-camp-mug")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page)
    {
        var html = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(page));
        return html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}

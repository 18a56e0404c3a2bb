using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport.Browsing;

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
    public async Task Without_javascript_adding_from_the_grid_returns_to_the_catalog_which_says_so_once()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var catalog = await browser.GetStringAsync("/?category=kitchen&sort=name");
        var button = (await new HtmlParser().ParseDocumentAsync(catalog)).QuerySelector(".product-card button[form=add-to-cart]")!;
        var name = button.Closest(".product-card")!.QuerySelector(".product-name")!.TextContent;
        var form = HtmlForms.Fields(catalog, "/cart/lines");
        form["productId"] = button.GetAttribute("value")!;

        var added = await browser.PostAsync("/cart/lines", new FormUrlEncodedContent(form));
        var back = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(added.Headers.Location!.OriginalString));
        var again = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(added.Headers.Location!.OriginalString));

        Assert.Equal("/?category=kitchen&sort=name", added.Headers.Location!.OriginalString);
        var notice = Assert.Single(Notices(back));
        Assert.Equal($"Added {name} to your cart. View cart", Normalize(notice.TextContent));
        Assert.Equal("/cart", notice.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("1", back.QuerySelector(".cart-count")!.TextContent);
        Assert.Empty(Notices(again));
    }

    [Fact]
    public async Task Without_javascript_adding_from_the_product_page_opens_the_cart_which_says_so_once()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/products/enamel-camp-mug");

        var added = await browser.PostAsync("/cart/lines", Form(token, ("productId", "enamel-camp-mug"), ("quantity", "2")));
        var cart = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(added.Headers.Location!.OriginalString));
        var again = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/cart"));

        Assert.Equal("/cart", added.Headers.Location!.OriginalString);
        var notice = Assert.Single(Notices(cart));
        Assert.Equal("Added Enamel Camp Mug to your cart.", Normalize(notice.TextContent));
        Assert.Null(notice.QuerySelector("a"));
        Assert.Empty(Notices(again));
    }

    [Fact]
    public async Task Without_javascript_a_full_cart_says_why_nothing_was_added()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/");
        var ids = new List<string>();
        foreach (var page in new[] { 1, 2 })
        {
            using var listing = JsonDocument.Parse(await browser.GetStringAsync($"/api/products?page={page}"));
            ids.AddRange(listing.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
        }
        foreach (var id in ids.Take(20))
        {
            await browser.PostAsync("/cart/lines", Form(token, ("productId", id), ("returnUrl", "/")));
        }
        await browser.GetStringAsync("/"); // shows the last "Added" message, so what follows is the 21st line's

        var refused = await browser.PostAsync("/cart/lines", Form(token, ("productId", ids[20]), ("returnUrl", "/")));
        var back = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(refused.Headers.Location!.OriginalString));

        Assert.StartsWith("Your cart is full", Normalize(Assert.Single(Notices(back)).TextContent));
        Assert.Equal("20", back.QuerySelector(".cart-count")!.TextContent);
    }

    [Fact]
    public async Task An_htmx_add_leaves_no_message_for_the_next_page()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await AntiforgeryTokenAsync(browser, "/");
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/lines") { Content = Form(token, ("productId", "brass-fountain-pen"), ("returnUrl", "/")) };
        request.Headers.Add("HX-Request", "true");

        await browser.SendAsync(request);
        var next = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/"));

        Assert.Empty(Notices(next));
        Assert.Equal("1", next.QuerySelector(".cart-count")!.TextContent);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await browser.PostAsync("/cart/lines", new FormUrlEncodedContent([new("productId", "enamel-camp-mug")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>The page's one-time messages: status elements with something to say (the cards' are empty).</summary>
    private static List<IElement> Notices(IDocument page) =>
        page.QuerySelectorAll("[role=status]").Where(e => e.TextContent.Trim().Length > 0).ToList();

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    internal static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page)
    {
        var html = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync(page));
        return html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    internal static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}

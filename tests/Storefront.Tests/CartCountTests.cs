using System.Net;
using Amazon.DynamoDBv2.Model;
using AngleSharp.Html.Parser;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Cart;

namespace Storefront.Tests;

/// <summary>The header's cart count comes from a short-lived cookie, not a read of the cart on every page.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CartCountTests(StorefrontFixture shop)
{
    [Fact]
    public async Task After_a_change_the_header_count_is_remembered_for_five_minutes_instead_of_read_on_every_page()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = await AddAsync(browser, "enamel-camp-mug", quantity: 2);
        // Emptied behind the shop's back, as another device or the cart's expiry would: browsing does not notice.
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.DeleteItemAsync(new DeleteItemRequest { TableName = "CartsTable", Key = new() { ["CartId"] = new() { S = $"anon#{cookies["cart"]}" } } });

        var (count, _) = await HomeAsync(browser, cookies);

        Assert.Equal("2", count);
        Assert.Contains("max-age=300", cookies.Attributes[CartCountCookie.Name], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_count_cookie_that_is_not_this_carts_is_ignored_and_the_cart_is_read()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = await AddAsync(browser, "brass-fountain-pen", quantity: 1);
        cookies[CartCountCookie.Name] = "9.0123456789abcdef";

        var (count, setCookies) = await HomeAsync(browser, cookies);

        Assert.Equal("1", count);
        Assert.Contains(setCookies, c => c.StartsWith($"{CartCountCookie.Name}=1.", StringComparison.Ordinal));
    }

    /// <summary>Cookies as a browser keeps them (name → value), and each one's attributes as last set.</summary>
    private sealed class Jar : Dictionary<string, string>
    {
        public Dictionary<string, string> Attributes { get; } = [];

        public void Keep(HttpResponseMessage response)
        {
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                var (name, value) = (cookie.Split(';')[0].Split('=', 2)[0], cookie.Split(';')[0].Split('=', 2)[1]);
                this[name] = value;
                Attributes[name] = cookie;
            }
        }

        public string Header => string.Join("; ", this.Select(c => $"{c.Key}={c.Value}"));
    }

    private static async Task<Jar> AddAsync(HttpClient browser, string productId, int quantity)
    {
        var cookies = new Jar();
        var page = await browser.GetAsync("/");
        cookies.Keep(page);
        var html = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var token = html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/cart/lines")
        {
            Content = new FormUrlEncodedContent([new("productId", productId), new("quantity", $"{quantity}"), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("Cookie", cookies.Header);
        var added = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        cookies.Keep(added);
        return cookies;
    }

    private static async Task<(string Count, IReadOnlyList<string> SetCookies)> HomeAsync(HttpClient browser, Jar cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookies.Header);
        var response = await browser.SendAsync(request);
        var html = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (html.QuerySelector(".cart-count")!.TextContent, response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : []);
    }
}

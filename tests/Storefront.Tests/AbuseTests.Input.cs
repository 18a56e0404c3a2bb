using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>
/// What an attacker types or forges, sent the way a browser or a script would: every answer is a clean 4xx or safe
/// output (what came in goes out encoded), never a server error.
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class AbuseTests(StorefrontFixture shop) : IAsyncLifetime
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImageHandler = "\"><img src=x onerror=alert(1)>";

    /// <summary>The shop, where a request with <see cref="TestSignInHandler.Header"/> is signed in.</summary>
    private WebApplicationFactory<Program> Shop { get; set; } = null!;

    public async Task InitializeAsync() => Shop = shop.CreateStorefront(await SeparateCatalog.SettingsAsync(shop)).WithTestSignIn();

    public async Task DisposeAsync() => await Shop.DisposeAsync();

    [Theory]
    [InlineData(Script)]
    [InlineData(ImageHandler)]
    public async Task Markup_searched_for_comes_back_encoded_in_the_page_the_grid_and_the_API(string payload)
    {
        using var client = Shop.Browser();
        var url = $"/?q={Uri.EscapeDataString(payload)}";
        using var htmx = new HttpRequestMessage(HttpMethod.Get, url);
        htmx.Headers.Add("HX-Request", "true");

        var page = await (await client.GetAsync(url)).NotAServerError().Content.ReadAsStringAsync();
        var grid = await (await client.SendAsync(htmx)).NotAServerError().Content.ReadAsStringAsync();
        var api = await (await client.GetAsync($"/api/products?q={Uri.EscapeDataString(payload)}")).NotAServerError().Content.ReadAsStringAsync();

        Assert.All(new[] { page, grid, api }, body => Assert.DoesNotContain("<script>alert", body));
        Assert.All(new[] { page, grid, api }, body => Assert.DoesNotContain("<img src=x", body));
        Assert.Contains(payload.Contains("script") ? "&lt;script&gt;" : "&lt;img", page);
    }

    [Fact]
    public async Task Markup_in_cart_and_checkout_fields_comes_back_encoded()
    {
        var shopper = NewShopper();
        using var client = Shop.Browser(shopper);
        var token = await client.TokenAsync("/");

        var cart = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", Script), ("quantity", "1")));
        var checkout = await client.PostAsync("/checkout", AbuseTestSupport.Form(token,
            [("IdempotencyKey", Guid.NewGuid().ToString()), ("Source", ImageHandler), ("Lines[0].ProductId", Script), ("Lines[0].Quantity", "1"),
                .. ShippingAddresses.FormFields, ("ShipTo.FullName", Script)]));
        var checkoutHtml = await checkout.Content.ReadAsStringAsync();

        cart.IsClientError(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("<script>alert", await cart.Content.ReadAsStringAsync());
        checkout.IsClientError(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("<script>alert", checkoutHtml);
        Assert.DoesNotContain("<img src=x", checkoutHtml);
        Assert.Contains("&lt;script&gt;", checkoutHtml);
    }

    [Fact]
    public async Task Markup_in_catalog_data_is_shown_as_text()
    {
        var product = await SeparateCatalog.CreateProductAsync(shop, price: 2m, stock: 3, name: $"Mug {Script}{ImageHandler}");
        using var client = Shop.Browser();

        var html = await (await client.GetAsync($"/products/{product}")).NotAServerError().Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);

        Assert.DoesNotContain("<script>alert", html);
        Assert.Empty(page.QuerySelectorAll("main img[onerror]"));
        Assert.Contains(Script, page.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("/?q=%FF%FE%C0%AF")]
    [InlineData("/?q=%ED%A0%80")]
    [InlineData("/?category=%00%0D%0A&sort=%FF&page=%E2%80%AE")]
    [InlineData("/products/%FF%FE")]
    [InlineData("/products/%C0%AF..%C0%AF..%C0%AFetc")]
    [InlineData("/api/products?q=%FF&page=%C0")]
    [InlineData("/orders/%FF%FE?received=%00")]
    public async Task Invalid_UTF_8_and_control_characters_in_the_address_are_answered_without_a_server_error(string url)
    {
        using var client = Shop.Browser(NewShopper());

        var response = await client.GetAsync(url);

        response.NotAServerError();
        Assert.DoesNotContain("\uFFFD\uFFFD\uFFFD\uFFFD", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Invalid_UTF_8_in_a_form_body_is_refused_cleanly()
    {
        using var client = Shop.Browser();
        var token = await client.TokenAsync("/");
        var body = Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&productId=")
            .Concat(new byte[] { 0xFF, 0xFE, 0xC0, 0xAF }).Concat("&quantity=%FF"u8.ToArray()).ToArray();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await client.PostAsync("/cart/lines", content);

        response.IsClientError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1900)]
    public async Task An_overlong_search_is_cut_and_said_so(int length)
    {
        using var client = Shop.Browser();

        var html = await (await client.GetAsync($"/?q={new string('a', length)}")).NotAServerError().Content.ReadAsStringAsync();

        Assert.Contains("Searches are limited to 100 characters", html);
    }

    [Theory]
    [InlineData("/products/")]
    [InlineData("/orders/")]
    public async Task An_overlong_id_in_the_address_is_not_found(string prefix)
    {
        using var client = Shop.Browser(NewShopper());

        var response = await client.GetAsync(prefix + new string('x', 5000));

        response.IsClientError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overlong_form_values_are_refused_without_a_server_error()
    {
        using var client = Shop.Browser(NewShopper());
        var token = await client.TokenAsync("/");
        var huge = new string('x', 10_000); // two of them stay under the body limit

        var cart = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", huge)));
        var update = await client.PostAsync("/cart/update", AbuseTestSupport.Form(token, ("productId", huge), ("quantity", "2")));
        var checkout = await client.PostAsync("/checkout", AbuseTestSupport.Form(token,
            ("IdempotencyKey", huge), ("Lines[0].ProductId", huge), ("Lines[0].Quantity", "1")));
        var buyNow = await client.PostAsync("/checkout/buy-now", AbuseTestSupport.Form(token, ("productId", huge)));

        cart.IsClientError(HttpStatusCode.BadRequest);
        update.NotAServerError();
        checkout.IsClientError(HttpStatusCode.BadRequest);
        buyNow.IsClientError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/cart\r\nSet-Cookie: stolen=1")]
    [InlineData("/cart%0d%0aSet-Cookie:%20stolen=1")]
    [InlineData("/\r\nLocation: https://attacker.example/")]
    public async Task A_return_address_with_CR_or_LF_never_reaches_a_response_header(string returnUrl)
    {
        using var client = Shop.Browser();
        var token = await client.TokenAsync("/");

        var added = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("returnUrl", returnUrl)));
        var signIn = await client.GetAsync($"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, added.NotAServerError().StatusCode);
        Assert.DoesNotContain(added.Headers, h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) && h.Value.Any(v => v.Contains("stolen")));
        Assert.DoesNotContain('\n', added.Headers.Location!.OriginalString);
        Assert.DoesNotContain("attacker", added.Headers.Location.OriginalString);
        signIn.NotAServerError();
    }

    private static string NewShopper() => $"abuser-{Guid.NewGuid():N}";
}

using AngleSharp.Html.Parser;

namespace Storefront.Tests;

/// <summary>The security headers on every kind of response, and pages that need nothing the policy refuses.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SecurityHeadersTests(StorefrontFixture shop)
{
    public static TheoryData<string, string?> EveryKindOfResponse => new()
    {
        { "/", null },                                   // a page
        { "/?category=kitchen", "true" },                // an htmx partial
        { "/products/enamel-camp-mug", null },           // a product page
        { "/static/css/site.css", null },                // a static file
        { "/no-such-page", null },                       // the error page
        { "/account/signin", null },                     // a redirect to the identity provider
        { "/api/products", null },                       // JSON
        { "/api/products/no-such-product", null },       // a problem
        { "/healthz", null },                            // a health check
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task Every_kind_of_response_carries_the_security_headers(string url, string? htmx)
    {
        using var client = shop.Storefront.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (htmx is not null)
        {
            request.Headers.Add("HX-Request", htmx);
        }

        var response = await client.SendAsync(request);

        response.NotAServerError();
        SecurityHeaderAssert.AssertShopHeaders(response, shop.SignIn.ProviderUrl);
    }

    [Fact]
    public async Task The_policy_allows_only_the_shops_own_scripts_styles_and_images_and_forms_to_the_shop_and_the_provider()
    {
        using var client = shop.Storefront.Browser();

        var response = await client.GetAsync("/");

        var directives = SecurityHeaderAssert.Csp(response);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'self' data:", directives["img-src"]);
        Assert.Equal($"'self' {shop.SignIn.ProviderUrl}", directives["form-action"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'none'", directives["object-src"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/products/enamel-camp-mug")]
    [InlineData("/cart")]
    [InlineData("/no-such-page")]
    [InlineData("/account/sign-in-failed")]
    public async Task Pages_have_no_inline_script_style_or_event_handler_the_policy_would_refuse(string url)
    {
        using var client = shop.Storefront.Browser();

        var response = (await client.GetAsync(url)).NotAServerError();
        var html = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.All(html.QuerySelectorAll("script"), script => Assert.False(string.IsNullOrEmpty(script.GetAttribute("src")), "inline script"));
        Assert.Empty(html.QuerySelectorAll("style"));
        Assert.Empty(html.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(html.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.StartsWith("hx-on", StringComparison.Ordinal)));
        Assert.DoesNotContain(html.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("hx-", StringComparison.Ordinal) && a.Value.Contains("js:", StringComparison.Ordinal));
        Assert.DoesNotContain(html.QuerySelectorAll("[hx-trigger]"), e => e.GetAttribute("hx-trigger")!.Contains('['));
    }

    [Fact]
    public async Task Htmx_is_configured_not_to_inject_styles_nor_evaluate_code()
    {
        using var client = shop.Storefront.Browser();

        var html = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/"));
        var config = html.QuerySelector("meta[name=htmx-config]")!.GetAttribute("content")!;

        Assert.Contains("\"includeIndicatorStyles\":false", config);
        Assert.Contains("\"allowEval\":false", config);
        Assert.Contains("\"allowScriptTags\":false", config);
    }

    [Fact]
    public async Task Over_https_the_shop_asks_browsers_to_keep_to_https_and_over_http_it_does_not()
    {
        await using var overHttps = shop.CreateStorefront(new Dictionary<string, string?> { ["Auth__PublicOrigin"] = "https://shop.example" });
        using var secure = overHttps.Browser();
        using var plain = shop.Storefront.Browser();

        var https = await secure.GetAsync("/static/css/site.css");
        var http = await plain.GetAsync("/static/css/site.css");

        Assert.Equal("max-age=31536000", Assert.Single(https.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
    }
}

public static class SecurityHeaderAssert
{
    public static void AssertShopHeaders(HttpResponseMessage response, string providerUrl)
    {
        var headers = response.Headers;
        Assert.Contains($"form-action 'self' {providerUrl}", Assert.Single(headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(headers.GetValues("Permissions-Policy")));
        Assert.Equal("DENY", Assert.Single(headers.GetValues("X-Frame-Options")));
        Assert.False(headers.Contains("Server"));
    }

    public static Dictionary<string, string> Csp(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.ElementAtOrDefault(1) ?? "");
}

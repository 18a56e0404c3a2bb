using System.Net;
using AngleSharp.Html.Dom;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CatalogPageTests(StorefrontFixture shop)
{
    private static HttpRequestMessage HtmxGet(string url, bool historyRestore = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("HX-Request", "true");
        request.Headers.Add("HX-Target", "product-results");
        if (historyRestore)
        {
            request.Headers.Add("HX-History-Restore-Request", "true");
        }
        return request;
    }

    [Fact]
    public async Task The_first_page_shows_the_twelve_most_featured_products_and_a_pager()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/");

        Assert.Equal(
            ["a5-dot-grid-notebook", "cafe-de-huila-whole-beans", "enamel-camp-mug", "cast-iron-skillet",
             "ceramic-pour-over-dripper", "carbon-steel-chefs-knife", "beeswax-pillar-candle", "brass-fountain-pen",
             "earl-grey-creme-loose-tea", "wool-camp-blanket", "stoneware-mixing-bowl", "gooseneck-kettle"],
            page.ProductIds());
        Assert.Equal("/?page=2", page.QuerySelector(".pager a[rel=next]")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/?category=bags&sort=price-asc", new[] { "cotton-string-market-bag", "canvas-zip-pouch", "leather-card-wallet", "waxed-canvas-tote", "weekender-duffel", "roll-top-backpack" })]
    [InlineData("/?category=coffee-tea&sort=price-desc", new[] { "cast-iron-teapot", "gooseneck-kettle", "french-press-800ml", "ceramic-pour-over-dripper", "cafe-de-huila-whole-beans", "earl-grey-creme-loose-tea" })]
    [InlineData("/?q=camp", new[] { "enamel-camp-mug", "cast-iron-skillet", "wool-camp-blanket", "led-camp-lantern" })]
    [InlineData("/?q=CAFE", new[] { "cafe-de-huila-whole-beans" })]
    [InlineData("/?q=cast+iron&category=coffee-tea", new[] { "cast-iron-teapot" })]
    [InlineData("/?page=3", new[] { "wool-cushion-cover-45cm", "waxed-canvas-tote", "kraft-letter-set", "terracotta-planter-14cm", "copper-measuring-cups", "midnight-blue-ink-50ml", "leather-card-wallet", "cotton-string-market-bag", "roll-top-backpack", "baseplate-compass", "weekender-duffel", "canvas-zip-pouch" })]
    [InlineData("/?q=submarine", new string[0])]
    public async Task The_page_for_given_filters_lists_exactly_the_matching_products(string url, string[] expected)
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync(url);

        Assert.Equal(expected, page.ProductIds());
    }

    [Fact]
    public async Task Cards_show_price_and_stock_and_link_to_the_product_page()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/?category=coffee-tea&sort=price-desc");

        var teapot = page.QuerySelector("[data-product-id=cast-iron-teapot]")!;
        Assert.Equal("$72.00", teapot.QuerySelector(".product-price")?.TextContent);
        Assert.Equal("Only 3 left", teapot.QuerySelector(".stock")?.TextContent);
        Assert.Equal("/products/cast-iron-teapot", teapot.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("Out of stock", page.QuerySelector("[data-product-id=gooseneck-kettle] .stock")?.TextContent);
    }

    [Fact]
    public async Task Without_javascript_the_filters_are_a_plain_get_form_that_keeps_the_search()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/?q=camp&category=outdoors&sort=name");

        var form = (IHtmlFormElement)page.QuerySelector("form#catalog-filters")!;
        Assert.Equal("get", form.Method);
        Assert.Equal("camp", ((IHtmlInputElement)form.QuerySelector("input[name=q]")!).Value);
        Assert.Equal("outdoors", ((IHtmlSelectElement)form.QuerySelector("select[name=category]")!).Value);
        Assert.Equal("name", ((IHtmlSelectElement)form.QuerySelector("select[name=sort]")!).Value);
        Assert.Equal("camp", ((IHtmlInputElement)page.QuerySelector("header input[name=q]")!).Value);
    }

    [Fact]
    public async Task An_htmx_request_gets_only_the_grid_with_the_tidy_url_to_push()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.SendAsync(HtmxGet("/?q=&category=bags&sort=featured"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html);
        Assert.DoesNotContain("catalog-filters", html);
        Assert.StartsWith("<section id=\"product-results\"", html.TrimStart());
        Assert.Equal(6, (await Html.ParseAsync(html)).ProductIds().Count);
        Assert.Equal("/?category=bags", response.Headers.GetValues("HX-Push-Url").Single());
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task Htmx_keeps_no_history_cache_and_talks_only_to_its_own_origin()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/");

        using var config = System.Text.Json.JsonDocument.Parse(page.QuerySelector("meta[name=htmx-config]")!.GetAttribute("content")!);
        Assert.Equal(0, config.RootElement.GetProperty("historyCacheSize").GetInt32());
        Assert.True(config.RootElement.GetProperty("selfRequestsOnly").GetBoolean());
        Assert.False(config.RootElement.GetProperty("allowScriptTags").GetBoolean());
    }

    [Fact]
    public async Task A_history_restore_request_gets_the_full_page()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.SendAsync(HtmxGet("/?category=bags", historyRestore: true));
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Equal("bags", ((IHtmlSelectElement)page.QuerySelector("select[name=category]")!).Value);
        Assert.Equal(6, page.ProductIds().Count);
        Assert.False(response.Headers.Contains("HX-Push-Url"));
        Assert.Contains("HX-History-Restore-Request", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/?page=-1", "Page numbers start at 1")]
    [InlineData("/?page=abc", "Page numbers start at 1")]
    [InlineData("/?page=99", "There is no page 99")]
    [InlineData("/?sort=xyz", "featured order is used instead")]
    [InlineData("/?category=%3Cscript%3E", "no such category")]
    [InlineData("/?q=%F0%9F%9B%B6%00%ED%A0%80%E2%80%AE", "0 products")] // emoji, NUL, an encoded lone surrogate, right-to-left override
    // Other tests add products of their own to the table, so the count is not asserted here.
    [InlineData("/?page=1&page=2", "products in every category")]
    public async Task Malformed_query_values_get_a_safe_default_and_a_clear_message(string url, string message)
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await client.GetAsync(url);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, html);
    }

    [Fact]
    public async Task A_two_thousand_character_search_is_answered_with_a_shortened_search()
    {
        using var client = shop.Storefront.CreateClient();

        // Just under the query-string limit (RequestLimits:MaxQueryStringLength); longer is refused with 414.
        using var response = await client.GetAsync("/?q=" + new string('x', 2_000));
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("limited to 100 characters", page.QuerySelector(".notice")?.TextContent);
        Assert.Equal(100, ((IHtmlInputElement)page.QuerySelector("header input[name=q]")!).Value.Length);
    }
}

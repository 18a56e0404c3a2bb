using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TestSupport;

namespace Storefront.Tests;

/// <summary>What a shopper and a program see when something fails, outside Development: a reference, nothing internal.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ErrorPageTests(StorefrontFixture shop)
{
    [Fact]
    public async Task An_unexpected_failure_shows_the_friendly_page_with_a_reference_that_is_in_the_logs_and_no_stack_trace()
    {
        await using var storefront = await ProductionStorefrontWithABrokenProductAsync();
        using var client = storefront.Browser();

        var response = await client.GetAsync("/products/broken");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var reference = Assert.Single(response.Headers.GetValues("X-Correlation-Id"));
        Assert.Contains("Something went wrong", html);
        Assert.Contains($"<code>{reference}</code>", html);
        Assert.DoesNotContain("KeyNotFoundException", html);
        Assert.DoesNotContain("Storefront.Catalog", html);
        Assert.DoesNotContain(" at ", html.Split("<main")[1]);
        var logged = storefront.Services.GetRequiredService<CapturedTelemetry>().LogLines
            .Where(l => l.TryGetProperty("exception", out _) && l.TryGetProperty("correlationId", out var id) && id.GetString() == reference);
        Assert.Contains(logged, l => l.GetProperty("exception").GetString()!.Contains("KeyNotFoundException", StringComparison.Ordinal));
        SecurityHeaderAssert.AssertShopHeaders(response, "https://idp.example");
    }

    [Fact]
    public async Task An_unexpected_failure_under_api_is_a_problem_with_the_reference_and_no_exception_details()
    {
        await using var storefront = await ProductionStorefrontWithABrokenProductAsync();
        using var client = storefront.Browser();

        var response = await client.GetAsync("/api/products/broken");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Correlation-Id")), problem.RootElement.GetProperty("correlationId").GetString());
        Assert.DoesNotContain("KeyNotFoundException", body);
        Assert.DoesNotContain("stack", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/error/500")]
    [InlineData("/error/503")]
    [InlineData("/error")]
    [InlineData("/error/99999999999")]
    public async Task The_error_page_visited_directly_is_not_found(string url)
    {
        using var client = shop.Storefront.Browser();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_DynamoDB_unreachable_the_shop_answers_503_try_again_with_Retry_After()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Aws__ServiceUrls__DynamoDB"] = $"http://127.0.0.1:{LocalProcesses.FreePort()}",
        });
        using var client = storefront.Browser();

        var page = await client.GetAsync("/");
        var api = await client.GetAsync("/api/products");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("5", page.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("We're busy right now", html);
        Assert.Contains("Please try again", html);
        Assert.Contains($"<code>{Assert.Single(page.Headers.GetValues("X-Correlation-Id"))}</code>", html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_htmx_add_to_cart_that_finds_the_cart_table_down_gets_the_busy_message_alone_as_an_alert_and_a_plain_post_the_page()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Tables__Carts"] = "NoSuchCartsTable" });
        using var client = storefront.Browser();
        var token = await client.TokenAsync("/products/enamel-camp-mug");
        using var htmx = new HttpRequestMessage(HttpMethod.Post, "/cart/lines")
        {
            Content = AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", "1")),
            Headers = { { "HX-Request", "true" } },
        };

        var part = await client.SendAsync(htmx);
        var page = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", "1")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, part.StatusCode);
        Assert.Equal(
            """<span class="problem" role="alert"><strong>We&#x27;re busy right now.</strong> Nothing was changed. Please try again in a moment.</span>""",
            (await part.Content.ReadAsStringAsync()).Trim());
        Assert.Contains("HX-Request", part.Headers.Vary);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<h1>We&#x27;re busy right now</h1>", html);
        Assert.Contains("class=\"site-header\"", html);
    }

    /// <summary>
    /// A Storefront as deployed (Production, https origins) on a products table of its own holding one product
    /// that lacks its name: reading it fails in a way no one planned for.
    /// </summary>
    private async Task<WebApplicationFactory<Program>> ProductionStorefrontWithABrokenProductAsync()
    {
        var table = $"BrokenProducts{Guid.NewGuid():N}"[..24];
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("ProductId", Amazon.DynamoDBv2.KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("ProductId", Amazon.DynamoDBv2.ScalarAttributeType.S)],
            BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
        });
        await dynamo.PutItemAsync(table, new Dictionary<string, AttributeValue> { ["ProductId"] = new() { S = "broken" }, ["Price"] = new() { N = "1" } });
        return shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Tables__Products"] = table,
            ["Auth__PublicOrigin"] = "https://shop.example",
            ["Auth__Authority"] = "https://idp.example/us-east-1_Example",
            ["Auth__CognitoDomain"] = "https://idp.example",
        }).WithWebHostBuilder(web => web.UseEnvironment("Production"));
    }
}

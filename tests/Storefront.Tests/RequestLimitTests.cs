using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Storefront.Tests;

/// <summary>Requests over the size limits get a clear 4xx with the friendly page (or a problem), never a 500.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class RequestLimitTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_and_the_friendly_page()
    {
        using var client = shop.Storefront.Browser();
        var token = await client.TokenAsync("/");

        var response = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, ("productId", new string('x', 40_000))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("That was too much to send", await response.Content.ReadAsStringAsync());
        SecurityHeaderAssert.AssertShopHeaders(response, shop.SignIn.ProviderUrl);
    }

    [Fact]
    public async Task A_body_over_the_limit_sent_to_the_API_is_a_413_problem()
    {
        using var client = shop.Storefront.Browser();

        var response = await client.PostAsync("/api/products", new StringContent(new string('x', 40_000), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_query_string_over_the_limit_is_refused_with_414_and_the_friendly_page()
    {
        using var client = shop.Storefront.Browser();

        var response = await client.GetAsync($"/?q={new string('a', 3000)}");

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Contains("That address is too long", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Headers_over_the_limit_are_refused_with_431_and_the_friendly_page()
    {
        using var client = shop.Storefront.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"junk={new string('c', 20_000)}");

        var response = await client.SendAsync(request);

        Assert.Equal((HttpStatusCode)431, response.StatusCode);
        Assert.Contains("Your browser sent too much", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_with_more_fields_than_any_of_ours_is_refused_with_400()
    {
        using var client = shop.Storefront.Browser();
        var token = await client.TokenAsync("/");
        var fields = Enumerable.Range(0, 150).Select(i => ($"field{i}", "1")).Append(("productId", "enamel-camp-mug")).ToArray();

        var response = await client.PostAsync("/cart/lines", AbuseTestSupport.Form(token, fields));

        response.IsClientError(HttpStatusCode.BadRequest);
        Assert.DoesNotContain("data-product-id=\"enamel-camp-mug\"", await client.GetStringAsync("/cart"));
    }

    [Fact]
    public async Task Over_Kestrel_a_chunked_body_over_the_limit_and_a_malformed_request_line_get_4xx_not_500()
    {
        await using var storefront = shop.StartStorefront(2);
        var origin = new Uri(shop.Origins[2]);
        using var http = new HttpClient { BaseAddress = origin };
        using var chunked = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("productId=" + new string('x', 60_000))));
        chunked.Headers.ContentType = new("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cart/lines") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        var response = await http.SendAsync(request);
        var rawStatus = await SendRawAsync(origin, "GET /products/\xFF\xFE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        var nullStatus = await SendRawAsync(origin, "GET /orders/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        response.IsClientError(HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest);
        Assert.StartsWith("HTTP/1.1 4", rawStatus);
        Assert.StartsWith("HTTP/1.1 4", nullStatus);
    }

    /// <summary>Bytes no HTTP client library would send, straight down a socket; returns the status line.</summary>
    private static async Task<string> SendRawAsync(Uri origin, string request)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(origin.Host, origin.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return await reader.ReadLineAsync() ?? "";
    }
}

using System.IO.Compression;

namespace Storefront.Tests;

/// <summary>
/// Pages reach browsers compressed when they ask for it: in AWS nothing between the app and the browser compresses
/// them (CloudFront compresses only what it caches). Signed-in shoppers' pages stay uncompressed (BREACH).
/// </summary>
[Collection(StorefrontCollection.Name)]
public sealed class CompressedPagesTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_visitors_catalog_page_comes_in_brotli_when_the_browser_asks_and_reads_the_same()
    {
        using var client = shop.Storefront.CreateClient();

        using var compressed = await GetAsync(client, "/?sort=name-asc", "br, gzip");
        using var plain = await GetAsync(client, "/?sort=name-asc", null);
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync();
        await using var brotli = new BrotliStream(new MemoryStream(compressedBytes), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli);
        var page = await reader.ReadToEndAsync();
        var plainPage = await plain.Content.ReadAsStringAsync();

        Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("<h1", page, StringComparison.Ordinal);
        Assert.True(compressedBytes.Length * 3 < plainPage.Length, $"{compressedBytes.Length} bytes compressed against {plainPage.Length}");
    }

    [Fact]
    public async Task A_browser_that_takes_only_gzip_gets_gzip()
    {
        using var client = shop.Storefront.CreateClient();

        using var response = await GetAsync(client, "/", "gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task A_signed_in_shoppers_page_is_not_compressed()
    {
        await using var storefront = shop.CreateStorefront().WithTestSignIn();
        using var client = storefront.SignedInClient("compression-shopper");

        using var response = await GetAsync(client, "/", "br, gzip");

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        }
        return client.SendAsync(request);
    }
}

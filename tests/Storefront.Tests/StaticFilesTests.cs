using System.Net;
using System.Security.Cryptography;
using LocalDev.LocalAws;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class StaticFilesTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Pages_link_styles_scripts_and_images_with_a_version_from_their_content()
    {
        using var client = shop.Storefront.CreateClient();

        var page = await client.GetDocumentAsync("/");

        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href");
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "static", "css", "site.css"))));
        Assert.Equal($"/static/css/site.css?v={hash[..12]}", css);
        Assert.Matches(@"^/static/lib/htmx/htmx\.min\.js\?v=[0-9a-f]{12}$", page.QuerySelector("script")!.GetAttribute("src"));
        Assert.All(page.QuerySelectorAll(".product-card img"), img => Assert.Contains("?v=", img.GetAttribute("src")));
    }

    [Fact]
    public async Task A_versioned_file_may_be_cached_for_a_year_and_an_unversioned_one_is_not()
    {
        using var client = shop.Storefront.CreateClient();
        var page = await client.GetDocumentAsync("/");

        using var versioned = await client.GetAsync(page.QuerySelector("script")!.GetAttribute("src"));
        using var plain = await client.GetAsync("/static/css/site.css");

        Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
        Assert.Null(plain.Headers.CacheControl);
    }

    [Fact]
    public async Task Htmx_placed_by_libman_is_the_version_pinned_in_package_json()
    {
        using var client = shop.Storefront.CreateClient();

        var htmx = await client.GetStringAsync("/static/lib/htmx/htmx.min.js");

        Assert.Contains("version:\"2.0.11\"", htmx.Replace(" ", ""));
    }
}

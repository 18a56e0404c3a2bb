using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>An operator uploads a product's image in the editor: checked by content, stored in S3 under a new key.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ProductImageUploadTests(StorefrontFixture shop) : IAsyncLifetime
{
    private WebApplicationFactory<Program> _storefront = null!;

    public Task InitializeAsync()
    {
        _storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Fact]
    public async Task An_uploaded_png_is_stored_under_a_new_media_key_and_shown_on_the_product_page_and_in_the_grid()
    {
        var name = $"Framed {Guid.NewGuid():N}";
        var product = await shop.CreateProductAsync(price: 9m, stock: 4, name: name);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var png = TestImages.Png(8, 6);

        var saved = await PostEditorAsync(admin, product, "photo.png", png);
        var first = await ImageOfAsync(product);
        var again = await PostEditorAsync(admin, product, "photo.png", png);
        var second = await ImageOfAsync(product);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Matches($"^media/{product}-[0-9a-f]{{32}}\\.png$", first);
        Assert.NotEqual(first, second); // a new key per upload, so a replaced image shows at once
        using var visitor = _storefront.Browser();
        var served = await visitor.GetAsync($"/{second}");
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(ProductImages.CacheControl, served.Headers.CacheControl!.ToString());
        var page = await admin.GetDocumentAsync($"/products/{product}");
        Assert.Equal($"/{second}", page.QuerySelector("img.product-image")!.GetAttribute("src"));
        var grid = await admin.GetDocumentAsync($"/?q={name}");
        Assert.Equal($"/{second}", grid.QuerySelector(".product-card img")!.GetAttribute("src"));
        var history = ProductEditorTests.Cells(await admin.GetDocumentAsync($"/operations/products/{product}"), 0);
        Assert.Equal(["Image", first, second], history[2..5]);
    }

    [Fact]
    public async Task A_new_product_can_be_created_with_a_webp_image()
    {
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var token = await admin.TokenAsync("/operations/products/new");
        using var form = Multipart(token, "tiny.webp", TestImages.WebPLossless,
            ("Form.Name", $"Webp lamp {Guid.NewGuid():N}"[..22]), ("Form.NewCategoryName", "Lamps"), ("Form.Price", "30"), ("Form.OnSale", "true"), ("Stock", "2"));

        var created = await admin.PostAsync("/operations/products/new", form);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/', '?')[3];
        Assert.EndsWith(".webp", await ImageOfAsync(id), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.png", "exe")]
    [InlineData("logo.svg", "svg")]
    [InlineData("logo.png", "svg")]
    public async Task An_executable_or_an_svg_is_refused_with_a_field_message_and_nothing_changes(string fileName, string kind)
    {
        var product = await shop.CreateProductAsync(price: 9m, stock: 4);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);

        var refused = await PostEditorAsync(admin, product, fileName, kind == "exe" ? TestImages.Executable : TestImages.Svg, ("Form.Price", "12.00"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
        Assert.Equal(ProductImageRules.NotAnImage, page.QuerySelector("#image-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Form_Image")!.GetAttribute("aria-invalid"));
        Assert.Equal("images/placeholder.svg", await ImageOfAsync(product));
        Assert.Equal(9m, (await Catalog().FindAsync(product, CancellationToken.None))!.Price);
    }

    [Fact]
    public async Task A_3_MB_image_gets_a_field_message_and_a_50_MB_upload_the_shops_too_large_page_never_a_500()
    {
        var product = await shop.CreateProductAsync(price: 9m, stock: 4);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);

        var large = await PostEditorAsync(admin, product, "large.png", [.. TestImages.Png(2, 2), .. new byte[3 * 1024 * 1024]]);
        var huge = await PostEditorAsync(admin, product, "huge.png", new byte[50 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Equal("The image is 3.0 MB; it can be at most 2 MB.", (await Html.ParseAsync(await large.Content.ReadAsStringAsync())).QuerySelector("#image-error")!.TextContent);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("larger than we accept", await huge.Content.ReadAsStringAsync());
        Assert.Equal("images/placeholder.svg", await ImageOfAsync(product));
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var product = await shop.CreateProductAsync(price: 9m, stock: 4);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var fields = await ProductEditorTests.EditorFieldsAsync(admin, product);
        fields.Remove(TokenField);
        using var form = Multipart(null, "photo.png", TestImages.Png(2, 2), [.. fields.Select(f => (f.Key, f.Value))]);

        var refused = await admin.PostAsync($"/operations/products/{product}", form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("images/placeholder.svg", await ImageOfAsync(product));
    }

    [Fact]
    public async Task Media_paths_that_are_not_an_uploaded_images_key_are_not_found()
    {
        using var client = _storefront.Browser();

        foreach (var path in new[] { "/media/nothing-here-0123456789abcdef0123456789abcdef.png", "/media/..%2Fstatic%2Fcss%2Fsite.css", "/media/x.svg" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
    }

    private ProductCatalog Catalog() => _storefront.Services.GetRequiredService<ProductCatalog>();

    private async Task<string> ImageOfAsync(string product) => (await Catalog().FindAsync(product, CancellationToken.None))!.Image;

    /// <summary>The editor's form as shown, with <paramref name="changes"/> and a file chosen, posted as the browser posts it.</summary>
    private static async Task<HttpResponseMessage> PostEditorAsync(HttpClient admin, string product, string fileName, byte[] content, params (string Name, string Value)[] changes)
    {
        var fields = await ProductEditorTests.EditorFieldsAsync(admin, product);
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }
        using var form = Multipart(null, fileName, content, [.. fields.Select(f => (f.Key, f.Value))]);
        return await admin.PostAsync($"/operations/products/{product}", form);
    }

    private static MultipartFormDataContent Multipart(string? token, string fileName, byte[] content, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Where(f => f.Name != "Form.Image"))
        {
            form.Add(new StringContent(value), name);
        }
        if (token is not null)
        {
            form.Add(new StringContent(token), TokenField);
        }
        var file = new ByteArrayContent(content);
        // What a browser declares from the name: the shop must not believe it.
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "image/png");
        form.Add(file, "Form.Image", fileName);
        return form;
    }
}

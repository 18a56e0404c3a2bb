using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Operations.Products;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>The operator's product editor: <c>/operations/products/new</c> and <c>/operations/products/{id}</c>.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class ProductEditorTests(StorefrontFixture shop) : IAsyncLifetime
{
    public const string Admin = "operator-1;admin";
    private WebApplicationFactory<Program> _storefront = null!;

    public Task InitializeAsync()
    {
        _storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("shopper-1")]
    [InlineData("shopper-2;customers,administrators")]
    public async Task The_editor_is_not_found_for_anyone_outside_the_admin_group(string? user)
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 3);
        using var client = _storefront.Browser(user);

        var responses = new[]
        {
            await client.GetAsync("/operations/products/new"),
            await client.GetAsync($"/operations/products/{product}"),
            await client.PostAsync("/operations/products/new", Form(null, ("Form.Name", "Sneaky"), ("Form.Price", "1"))),
            await client.PostAsync($"/operations/products/{product}?handler=Stock", Form(null, ("Stock.Amount", "5"), ("Stock.Reason", "x"))),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Contains("Page not found", await responses[1].Content.ReadAsStringAsync());
        Assert.Equal(3, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task An_admin_creates_a_product_whose_id_is_made_from_its_name_in_a_new_category()
    {
        using var client = _storefront.Browser(Admin);
        var name = $"Crème Brûlée Torch {Guid.NewGuid():N}"[..28];
        var expectedId = ProductRules.IdFrom(name);

        var created = await client.PostAsync("/operations/products/new", Form(await client.TokenAsync("/operations/products/new"),
            ("Form.Name", name), ("Form.Description", "Caramelises sugar."), ("Form.NewCategoryName", "Kitchen Tools"),
            ("Form.Price", "24.50"), ("Form.FeaturedRank", "7"), ("Form.OnSale", "true"), ("Stock", "12")));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal($"/operations/products/{expectedId}?saved=true", created.Headers.Location!.OriginalString);
        Assert.StartsWith("creme-brulee-torch-", expectedId, StringComparison.Ordinal);
        var editor = await Html.ParseAsync(await client.GetStringAsync(created.Headers.Location.OriginalString));
        Assert.Equal("Saved.", editor.QuerySelector("#editor-status")!.TextContent);
        Assert.Equal("24.50", editor.QuerySelector("#Form_Price")!.GetAttribute("value"));
        Assert.Equal("Kitchen Tools", editor.QuerySelector("#Form_Category option[selected]")!.TextContent);
        Assert.Equal("12", editor.QuerySelector("#stock-count")!.TextContent);
        Assert.Equal(["operator-1@example.com", "Product", "", "created with 12 in stock"], Cells(editor, 0)[1..5]);
        var shown = await _storefront.CreateClient().GetDocumentAsync($"/products/{expectedId}");
        Assert.Equal(name, shown.QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("Form.Price", "12.345", "The price can have at most two decimals.")]
    [InlineData("Form.Price", "0", "The price must be more than 0 and at most 100,000.")]
    [InlineData("Form.Price", "100000.01", "The price must be more than 0 and at most 100,000.")]
    [InlineData("Form.Price", "-3", "Enter the price as a number, like 12.50.")]
    [InlineData("Form.Price", "1e3", "Enter the price as a number, like 12.50.")]
    [InlineData("Form.Name", "   ", "Enter a name of 1 to 120 characters.")]
    [InlineData("Form.Name", "121", "Enter a name of 1 to 120 characters.")]
    [InlineData("Form.Description", "2001", "The description can have at most 2,000 characters.")]
    [InlineData("Form.Id", "Not An Id!", "An id is 1 to 64 lower-case letters and digits, in words joined by single hyphens.")]
    [InlineData("Form.Category", "no-such-category", "Pick a category, or name a new one")]
    public async Task A_new_product_with_an_invalid_field_shows_that_fields_error_and_creates_nothing(string field, string value, string error)
    {
        using var client = _storefront.Browser(Admin);
        var id = $"invalid-{Guid.NewGuid():N}";
        var fields = new Dictionary<string, string>
        {
            ["Form.Id"] = id, ["Form.Name"] = "Valid name", ["Form.Description"] = "", ["Form.Category"] = "test",
            ["Form.Price"] = "10.00", ["Form.FeaturedRank"] = "1", ["Stock"] = "1",
        };
        fields[field] = value switch { "121" => new string('n', 121), "2001" => new string('d', 2001), _ => value };

        var response = await client.PostAsync("/operations/products/new", Form(await client.TokenAsync("/operations/products/new"),
            fields.Select(f => (f.Key, f.Value)).ToArray()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(error, page.QuerySelector($"[name='{field}']")!.Closest(".field")!.QuerySelector(".field-error")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/operations/products/{fields["Form.Id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/operations/products/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_new_product_with_a_taken_id_says_so_and_leaves_the_existing_one_alone()
    {
        var existing = await shop.CreateProductAsync(price: 5m, stock: 3, name: "The original");
        using var client = _storefront.Browser(Admin);

        var response = await client.PostAsync("/operations/products/new", Form(await client.TokenAsync("/operations/products/new"),
            ("Form.Id", existing), ("Form.Name", "A twin"), ("Form.Category", "test"), ("Form.Price", "9.00"), ("Stock", "50")));

        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal($"The id {existing} is already another product's; choose another.", page.QuerySelector("#id-error")!.TextContent);
        var product = await Html.ParseAsync(await client.GetStringAsync($"/operations/products/{existing}"));
        Assert.Equal("The original", product.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal(3, await shop.StockOfAsync(existing));
    }

    [Fact]
    public async Task Saving_over_another_operators_newer_edit_writes_nothing_and_shows_the_current_state()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 3, name: "Before both");
        using var first = _storefront.Browser(Admin);
        using var second = _storefront.Browser("operator-2;admin");
        var firstForm = await EditorFieldsAsync(first, product);
        var secondForm = await EditorFieldsAsync(second, product);

        secondForm["Form.Name"] = "Second's name";
        var secondSave = await second.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(secondForm));
        firstForm["Form.Name"] = "First's name";
        firstForm["Form.Price"] = "6.00";
        var firstSave = await first.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(firstForm));

        Assert.Equal(HttpStatusCode.Redirect, secondSave.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, firstSave.StatusCode);
        var page = await Html.ParseAsync(await firstSave.Content.ReadAsStringAsync());
        Assert.Equal(EditModel.ChangedByAnotherMessage, page.QuerySelector("#editor-status")!.TextContent);
        Assert.Equal("Second's name", page.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal("5.00", page.QuerySelector("#Form_Price")!.GetAttribute("value"));
        var now = await Html.ParseAsync(await first.GetStringAsync($"/operations/products/{product}"));
        Assert.Equal("Second's name", now.QuerySelector("#Form_Name")!.GetAttribute("value"));
        Assert.Equal(["operator-2@example.com", "Name", "Before both", "Second's name"], Cells(now, 0)[1..5]);
    }

    [Fact]
    public async Task An_edit_shows_at_once_in_the_operators_own_catalog_and_is_kept_in_the_history()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 3, name: $"Plain {Guid.NewGuid():N}");
        using var client = _storefront.Browser(Admin);
        Assert.Contains(product, (await client.GetDocumentAsync("/?sort=name&q=plain")).ProductIds());
        var form = await EditorFieldsAsync(client, product);
        var renamed = $"Renamed {Guid.NewGuid():N}";
        form["Form.Name"] = renamed;
        form["Form.Price"] = "7.25";

        var saved = await client.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var catalog = await client.GetDocumentAsync($"/?q={renamed}");
        Assert.Equal([product], catalog.ProductIds());
        var editor = await Html.ParseAsync(await client.GetStringAsync($"/operations/products/{product}"));
        var changes = editor.QuerySelectorAll("#changes tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent).ToList();
        Assert.Equal(["Name", "Price"], changes.Order());
        Assert.Contains(editor.QuerySelectorAll("#changes tbody tr"), r => r.TextContent.Contains("5.00") && r.TextContent.Contains("7.25"));
    }

    [Theory]
    [InlineData("no-such-product")]
    [InlineData("NOT..an id")]
    public async Task The_editor_of_an_unknown_or_malformed_id_is_not_found(string id)
    {
        using var client = _storefront.Browser(Admin);

        var response = await client.GetAsync($"/operations/products/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_save_without_the_antiforgery_token_changes_nothing()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 3, name: "Untouched");
        using var client = _storefront.Browser(Admin);
        var form = await EditorFieldsAsync(client, product);
        form.Remove(TokenField);
        form["Form.Name"] = "Forged";

        var response = await client.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var editor = await Html.ParseAsync(await client.GetStringAsync($"/operations/products/{product}"));
        Assert.Equal("Untouched", editor.QuerySelector("#Form_Name")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Cast Iron Skillet", "cast-iron-skillet")]
    [InlineData("Carbon Steel Chef's Knife", "carbon-steel-chefs-knife")]
    [InlineData("Café de Huila Whole Beans", "cafe-de-huila-whole-beans")]
    [InlineData("Earl Grey Crème Loose Leaf Tea", "earl-grey-creme-loose-leaf-tea")]
    [InlineData("  Fountain Pen Ink — Midnight Blue, 50 ml ", "fountain-pen-ink-midnight-blue-50-ml")]
    [InlineData("!!!", "")]
    public void An_id_is_made_from_a_name_as_the_seeds_ids_are(string name, string id) =>
        Assert.Equal(id, ProductRules.IdFrom(name));

    [Fact]
    public async Task Saving_the_editor_as_a_browser_posts_it_keeps_a_product_on_sale()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 3);
        using var client = _storefront.Browser(Admin);
        var form = (await Html.ParseAsync(await client.GetStringAsync($"/operations/products/{product}"))).QuerySelector("form.product-editor")!;
        // Every field in document order, the ticked box and its hidden "false" both, as a browser sends them.
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(i => i.GetAttribute("type") is not ("file" or "checkbox") || i.HasAttribute("checked"))
            .Select(i => KeyValuePair.Create(i.GetAttribute("name")!, i.LocalName switch
            {
                "textarea" => i.TextContent,
                "select" => i.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                _ => i.GetAttribute("value") ?? "",
            }))
            .Select(f => f.Key == "Form.Price" ? KeyValuePair.Create(f.Key, "6.00") : f);

        var saved = await client.PostAsync($"/operations/products/{product}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var now = await _storefront.Services.GetRequiredService<ProductCatalog>().FindAsync(product, CancellationToken.None);
        Assert.Equal((6m, true), (now!.Price, now.OnSale));
    }

    /// <summary>The editor's form as the operator's browser would post it back unchanged. A name posted twice (a ticked
    /// box and its hidden "false") binds its first value, so that is the one kept.</summary>
    public static async Task<Dictionary<string, string>> EditorFieldsAsync(HttpClient client, string productId)
    {
        var page = await Html.ParseAsync(await client.GetStringAsync($"/operations/products/{productId}"));
        var form = page.QuerySelector("form.product-editor")!;
        var fields = form.QuerySelectorAll("input[name], textarea[name]")
            .Where(i => i.GetAttribute("type") != "checkbox" || i.HasAttribute("checked"))
            .GroupBy(i => i.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First() is var e && e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? "");
        fields["Form.Category"] = form.QuerySelector("select[name='Form.Category'] option[selected]")?.GetAttribute("value") ?? "";
        return fields;
    }

    /// <summary>The cells of the <paramref name="row"/>th change shown, newest first.</summary>
    public static string[] Cells(IDocument editor, int row) =>
        editor.QuerySelectorAll("#changes tbody tr")[row].QuerySelectorAll("td").Select(c => c.TextContent).ToArray();
}

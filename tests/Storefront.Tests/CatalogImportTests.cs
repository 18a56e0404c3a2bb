using System.Net;
using System.Text;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Catalog;
using Storefront.Operations.Products;
using static Storefront.Tests.AbuseTestSupport;

namespace Storefront.Tests;

/// <summary>CSV import at <c>/operations/products/import</c>: preview, then confirm; all rows valid or nothing written.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CatalogImportTests(StorefrontFixture shop) : IAsyncLifetime
{
    private const string Header = "id,name,description,category,price,stock,featured rank,on sale,image URL";
    private WebApplicationFactory<Program> _storefront = null!;

    public Task InitializeAsync()
    {
        _storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _storefront.DisposeAsync();

    [Fact]
    public async Task A_preview_shows_what_each_row_changes_and_writes_nothing_until_confirmed()
    {
        var existing = await shop.CreateProductAsync(price: 10m, stock: 3, name: "Import me");
        var fresh = $"imported-{Guid.NewGuid():N}";
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var csv = $"""
            {Header}
            {existing},Import me,"Made for a test, now
            on two lines.",Test,12.50,7,999,true,
            {fresh},Brand new,From a file,Garden Tools,4.00,20,5,true,/static/images/placeholder.svg
            """;

        var preview = await PreviewAsync(admin, csv);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Equal(["Description: Made for a test. → Made for a test, now\non two lines.", "Price: 10.00 → 12.50", "Stock: 3 → 7"], Changes(preview.Page, existing));
        Assert.Equal(["Product: new, with 20 in stock"], Changes(preview.Page, fresh));
        Assert.Equal("4", preview.Page.QuerySelector($"#import-preview tr[data-product-id='{fresh}'] td")!.TextContent); // its line
        Assert.Equal(10m, (await FindAsync(existing))!.Price);
        Assert.Null(await FindAsync(fresh));

        var confirmed = await ConfirmAsync(admin, preview.Page);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("Imported: 1 new, 1 changed.", (await admin.GetDocumentAsync(confirmed.Headers.Location!.OriginalString)).QuerySelector("#import-status")!.TextContent);
        var changed = (await FindAsync(existing))!;
        Assert.Equal((12.50m, 7), (changed.Price, changed.Stock));
        var created = (await FindAsync(fresh))!;
        Assert.Equal(("Brand new", "garden-tools", "Garden Tools", 20, "images/placeholder.svg"), (created.Name, created.Category, created.CategoryName, created.Stock, created.Image));
        var history = await admin.GetDocumentAsync($"/operations/products/{existing}");
        var stockRow = history.QuerySelectorAll("#changes tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).Single(c => c[2] == "Stock");
        Assert.Equal(["Stock", "3", "7", CatalogImport.Reason], stockRow[2..]);
    }

    [Fact]
    public async Task Every_invalid_row_is_listed_with_its_line_and_reason_and_nothing_is_written()
    {
        var existing = await shop.CreateProductAsync(price: 10m, stock: 3);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var csv = $"""
            {Header}
            {existing},Still fine,,Test,11.00,3,999,true,
            Bad Id,Name,,Test,1.00,1,1,true,
            formula-{Guid.NewGuid():N},"=cmd|' /C calc'!A0",,Test,1.00,1,1,true,
            price-{Guid.NewGuid():N},Three decimals,,Test,1.005,-2,1,maybe,https://elsewhere.example/x.png
            {existing},Twice,,Test,1.00,1,1,true,
            short,row
            """;

        var preview = await PreviewAsync(admin, csv);

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var invalid = preview.Page.QuerySelectorAll("#import-invalid tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["3", "4", "5", "6", "7"], invalid.Select(r => r[0]));
        Assert.StartsWith("the id \"Bad Id\" is not one", invalid[0][1], StringComparison.Ordinal);
        Assert.StartsWith("the name cell starts with \"=\", which a spreadsheet runs as a formula", invalid[1][1], StringComparison.Ordinal);
        Assert.Contains("the price can have at most two decimals", invalid[2][1], StringComparison.Ordinal);
        Assert.Contains("the stock \"-2\" is not a whole number", invalid[2][1], StringComparison.Ordinal);
        Assert.Contains("on sale is \"maybe\"", invalid[2][1], StringComparison.Ordinal);
        Assert.Contains("is not one of the shop's", invalid[2][1], StringComparison.Ordinal);
        Assert.Equal($"the id {existing} is on line 2 too.", invalid[3][1]);
        Assert.StartsWith("it has 2 cells; a row has 9", invalid[4][1], StringComparison.Ordinal);
        Assert.Null(preview.Page.QuerySelector("input[name=ticket]"));
        Assert.Equal(10m, (await FindAsync(existing))!.Price);
    }

    [Fact]
    public async Task A_file_of_over_1000_rows_not_utf8_or_without_the_header_is_refused_as_a_whole()
    {
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var rows = string.Join("\n", Enumerable.Range(0, CatalogImportFile.MaxRows + 1).Select(i => $"bulk-{i},Bulk {i},,Test,1.00,1,1,true,"));

        var tooMany = await PreviewAsync(admin, $"{Header}\n{rows}");
        var latin1 = await PreviewAsync(admin, Encoding.Latin1.GetBytes($"{Header}\nx,Crème,,Test,1.00,1,1,true,"));
        var noHeader = await PreviewAsync(admin, "x,Name,,Test,1.00,1,1,true,");

        Assert.Equal((HttpStatusCode.BadRequest, "The file has more than 1,000 rows. Import at most 1,000 products at a time: split the file."),
            (tooMany.Status, tooMany.Page.QuerySelector("#import-error")!.TextContent));
        Assert.StartsWith("The file is not UTF-8 text.", latin1.Page.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("The first line must be the header", noHeader.Page.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirm_with_an_altered_ticket_or_without_the_antiforgery_token_writes_nothing()
    {
        var existing = await shop.CreateProductAsync(price: 10m, stock: 3);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var preview = await PreviewAsync(admin, $"{Header}\n{existing},Renamed,,Test,10.00,3,999,true,");
        var ticket = preview.Page.QuerySelector("input[name=ticket]")!.GetAttribute("value")!;
        var token = preview.Page.QuerySelector($"form[action$='/confirm'] input[name={TokenField}]")!.GetAttribute("value")!;

        var altered = await admin.PostAsync($"{ImportModel.Path}/confirm", Form(token, ("ticket", ticket[..^4] + "AAAA")));
        var tokenless = await admin.PostAsync($"{ImportModel.Path}/confirm", Form(null, ("ticket", ticket)));

        Assert.Equal(HttpStatusCode.BadRequest, altered.StatusCode);
        Assert.Contains("nothing was written", await altered.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tokenless.StatusCode);
        Assert.Equal("Test product " + existing[^4..], (await FindAsync(existing))!.Name);
    }

    [Fact]
    public async Task A_product_changed_between_preview_and_confirm_stops_the_import_and_shows_the_new_preview()
    {
        var existing = await shop.CreateProductAsync(price: 10m, stock: 3);
        using var admin = _storefront.Browser(ProductEditorTests.Admin);
        var preview = await PreviewAsync(admin, $"{Header}\n{existing},From the file,Made for a test.,Test,10.00,3,999,true,");
        var editor = await ProductEditorTests.EditorFieldsAsync(admin, existing);
        editor["Form.Name"] = "From the editor";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/operations/products/{existing}", editor)).StatusCode);
        Assert.Equal("From the editor", (await FindAsync(existing))!.Name);

        var confirmed = await ConfirmAsync(admin, preview.Page);

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        var page = await Html.ParseAsync(await confirmed.Content.ReadAsStringAsync());
        Assert.StartsWith("The catalog changed since your preview: nothing was written.", page.QuerySelector("#import-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Name: From the editor → From the file"], Changes(page, existing));
        Assert.Equal("From the editor", (await FindAsync(existing))!.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("shopper-1")]
    public async Task The_import_is_not_found_for_anyone_outside_the_admin_group(string? user)
    {
        using var client = _storefront.Browser(user);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Header)), "file", "catalog.csv" } };

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ImportModel.Path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"{ImportModel.Path}/preview", form)).StatusCode);
    }

    private async Task<Product?> FindAsync(string id) =>
        await _storefront.Services.GetRequiredService<ProductCatalog>().FindAsync(id, CancellationToken.None);

    private static string[] Changes(IDocument page, string id) =>
        page.QuerySelectorAll($"#import-preview tr[data-product-id='{id}'] .import-changes li").Select(li => li.TextContent).ToArray();

    private static Task<(HttpStatusCode Status, IDocument Page)> PreviewAsync(HttpClient admin, string csv) =>
        PreviewAsync(admin, Encoding.UTF8.GetBytes(csv));

    private static async Task<(HttpStatusCode Status, IDocument Page)> PreviewAsync(HttpClient admin, byte[] file)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await admin.TokenAsync(ImportModel.Path)), TokenField },
            { new ByteArrayContent(file), "file", "catalog.csv" },
        };
        var response = await admin.PostAsync($"{ImportModel.Path}/preview", form);
        return (response.StatusCode, await Html.ParseAsync(await response.Content.ReadAsStringAsync()));
    }

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient admin, IDocument preview)
    {
        var form = preview.QuerySelector("form[action$='/confirm']")!;
        return admin.PostAsync($"{ImportModel.Path}/confirm", Form(form.QuerySelector($"input[name={TokenField}]")!.GetAttribute("value"),
            ("ticket", form.QuerySelector("input[name=ticket]")!.GetAttribute("value")!)));
    }
}

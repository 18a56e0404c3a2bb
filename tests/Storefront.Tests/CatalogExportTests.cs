using System.Net;

namespace Storefront.Tests;

/// <summary><c>/operations/products?handler=Export</c>: the whole catalog as CSV.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CatalogExportTests(StorefrontFixture shop)
{
    [Fact]
    public async Task The_export_has_a_header_row_every_product_and_escapes_cells_a_spreadsheet_would_run_as_formulas()
    {
        var formula = "=cmd|' /C calc'!A0";
        var product = await shop.CreateProductAsync(price: 12.5m, stock: 4, name: formula);
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var admin = storefront.Browser(ProductEditorTests.Admin);

        var response = await admin.GetAsync("/operations/products?handler=Export");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.Equal("id,name,description,category,price,stock,featured rank,on sale,image URL", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith(product + ",", StringComparison.Ordinal));
        Assert.StartsWith($"{product},\"'{formula}\",Made for a test.,Test,12.50,4,999,true,/static/images/placeholder.svg", row);
    }

    [Fact]
    public async Task The_export_is_not_found_for_a_shopper()
    {
        await using var storefront = shop.CreateShoppingStorefront().WithTestSignIn();
        using var shopper = storefront.Browser("shopper-1");

        var response = await shopper.GetAsync("/operations/products?handler=Export");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

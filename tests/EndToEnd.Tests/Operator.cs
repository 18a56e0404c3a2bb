using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// What an operator (Cognito group <c>admin</c>) does on the product pages. The forms are plain posts with or without
/// JavaScript; each step waits for what the operator would see.
/// </summary>
public sealed class Operator(IPage page, ShopFixture shop)
{
    /// <summary>A 16×12 green PNG: what an operator uploads as a product's photo.</summary>
    public static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAFUlEQVR4nGPQyo8hCTGMahjVgB0BAO+at8HKgHm6AAAAAElFTkSuQmCC");

    private ILocator Status => page.Locator("#editor-status");

    public async Task OpenTheProductListAsync()
    {
        await page.GotoAsync($"{shop.StorefrontUrl}/operations/products");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Products");
    }

    /// <summary>"New product" with a new category and a photo; lands on the product's editor, which says "Saved.".</summary>
    public async Task CreateProductAsync(string name, string category, string price, int stock)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New product" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("New product");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Description").FillAsync("Turned from one piece of walnut; keeps pens and keys in order.");
        await page.GetByLabel("Or a new category's name").FillAsync(category);
        await page.GetByLabel("Price").FillAsync(price);
        await page.GetByLabel("Stock to start with").FillAsync(stock.ToString());
        await page.GetByLabel("Image", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "tray.png", MimeType = "image/png", Buffer = Photo });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create product" }).ClickAsync();
        await Expect(Status).ToHaveTextAsync("Saved.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(page.Locator("img.editor-image")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^/media/"));
    }

    public async Task OpenTheEditorAsync(string productId)
    {
        await page.GotoAsync($"{shop.StorefrontUrl}/operations/products/{productId}");
        await Expect(page.Locator("#details")).ToHaveTextAsync("Details");
    }

    public async Task ExpectStockAsync(int stock) => await Expect(page.Locator("#stock-count")).ToHaveTextAsync(stock.ToString());

    public async Task RestockAsync(int units, string reason)
    {
        await page.GetByLabel("Change", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Add" });
        await page.GetByLabel("Units", new() { Exact = true }).FillAsync(units.ToString());
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change stock" }).ClickAsync();
        await Expect(Status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Stock is now "));
    }

    /// <summary>Unticks "On sale" and saves: the product is retired, not deleted.</summary>
    public async Task RetireAsync()
    {
        await page.GetByLabel("On sale (shown to shoppers)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Status).ToHaveTextAsync("Saved.");
        await Expect(page.Locator("main")).ToContainTextAsync("· retired ·");
    }

    public async Task OpenTheImportPageAsync()
    {
        await page.GotoAsync($"{shop.StorefrontUrl}/operations/products/import");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Import products");
    }
}

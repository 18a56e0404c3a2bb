using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog;
using Storefront.Shopping;

namespace Storefront.Operations.Products;

/// <summary>
/// One product for an operator: its fields (saved over the version the operator saw, never over a newer one), its
/// stock (set or added to, with a reason) and every change made to it, newest first.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[RequestSizeLimit(ProductImageRules.MaxUploadRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ProductImageRules.MaxUploadRequestBytes)]
public sealed class EditModel(ProductCatalog catalog, ProductEditor editor, ProductHistory history, ProductImages images, CatalogSnapshots snapshots) : PageModel
{
    public const string ChangedByAnotherMessage =
        "This product was changed by another operator while you edited it. Nothing was saved: here is the current state; make your change again.";

    /// <summary>Each handler binds only its own form, so the other's fields are never required.</summary>
    public ProductForm Form { get; private set; } = new();

    public StockForm Stock { get; private set; } = new();

    public Product Product { get; private set; } = null!;
    public IReadOnlyList<Category> Categories { get; private set; } = [];
    public IReadOnlyList<RecordedChange> Changes { get; private set; } = [];

    /// <summary>A one-line outcome: saved, stock changed, or why nothing was.</summary>
    public string? Status { get; private set; }

    /// <summary>The operator's page of the product <paramref name="productId"/>.</summary>
    public static string UrlOf(string productId) => $"/operations/products/{Uri.EscapeDataString(productId)}";

    public async Task<IActionResult> OnGetAsync(string id, bool saved, bool stockChanged, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Form = ProductForm.Of(Product);
        Status = saved ? "Saved." : stockChanged ? $"Stock is now {Product.Stock}." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, [Bind(Prefix = ProductForm.Prefix)] ProductForm form, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Form = form;
        var image = await Form.ReadImageAsync(ModelState, cancellationToken);
        if (Form.Read(Categories, Product.Image, ModelState) is not { } fields || !ModelState.IsValid)
        {
            return Page();
        }
        if (image is not null)
        {
            fields = fields with { Image = await images.StoreAsync(id, image, cancellationToken) };
        }
        switch (await editor.SaveAsync(id, Form.Version, fields, Shopper.Of(User).Email, cancellationToken))
        {
            case ProductEditResult.Saved:
                return Redirect($"{UrlOf(id)}?saved=true");
            case ProductEditResult.ChangedByAnother changed:
                Product = changed.Current;
                Changes = await history.ListAsync(id, cancellationToken);
                ModelState.Clear();
                Form = ProductForm.Of(changed.Current);
                Status = ChangedByAnotherMessage;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostStockAsync(string id, [Bind(Prefix = nameof(Stock))] StockForm stock, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Form = ProductForm.Of(Product);
        Stock = stock;
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var change = new StockChange(Stock.Action == StockAction.Remove ? -Stock.Amount : Stock.Amount, Stock.Action == StockAction.Set);
        switch (await editor.ChangeStockAsync(id, change, Stock.Reason!.Trim(), Shopper.Of(User).Email, cancellationToken))
        {
            case StockChangeResult.Changed changed:
                return Redirect($"{UrlOf(id)}?stockChanged=true");
            case StockChangeResult.OutOfRange range:
                ModelState.AddModelError($"{nameof(Stock)}.{nameof(StockForm.Amount)}",
                    $"That would leave the stock at less than 0 or more than {ProductRules.MaxStock:N0}; there are {range.Current} now. Nothing changed.");
                return Page();
            case StockChangeResult.Busy:
                Status = "Checkouts kept changing this product's stock; nothing changed. Try again.";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!ProductRules.IsValidId(id) || await catalog.FindAsync(id, cancellationToken) is not { } product)
        {
            return false;
        }
        Product = product;
        Changes = await history.ListAsync(id, cancellationToken);
        // From the snapshot, not a scan per view: after an operator's change it reads that product back first.
        Categories = (await snapshots.CurrentAsync(cancellationToken)).EveryCategory;
        return true;
    }
}

public enum StockAction
{
    Add,
    Remove,
    Set,
}

/// <summary>The stock form: add, remove or set a count, always with a reason.</summary>
public sealed class StockForm
{
    public StockAction Action { get; set; }

    [Range(0, ProductRules.MaxStock, ErrorMessage = "Enter a whole number from 0 to 1,000,000.")]
    public int Amount { get; set; }

    [Required(ErrorMessage = "Say why the stock changes (a delivery, a count, damage…).")]
    [StringLength(ProductRules.MaxReasonLength, ErrorMessage = "The reason can have at most 200 characters.")]
    public string? Reason { get; set; }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog;
using Storefront.Shopping;

namespace Storefront.Operations.Products;

/// <summary>A new product: its fields, its id (made from the name unless given) and the stock it starts with.</summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[RequestSizeLimit(ProductImageRules.MaxUploadRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ProductImageRules.MaxUploadRequestBytes)]
public sealed class NewModel(CatalogSnapshots snapshots, ProductEditor editor, ProductImages images) : PageModel
{
    /// <summary>Until an image is uploaded.</summary>
    public const string PlaceholderImage = "images/placeholder.svg";

    [BindProperty]
    public ProductForm Form { get; set; } = new();

    [BindProperty]
    [System.ComponentModel.DataAnnotations.Range(0, ProductRules.MaxStock, ErrorMessage = "The stock is a whole number from 0 to 1,000,000.")]
    public int Stock { get; set; }

    public IReadOnlyList<Category> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Categories = (await snapshots.CurrentAsync(cancellationToken)).EveryCategory;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Categories = (await snapshots.CurrentAsync(cancellationToken)).EveryCategory;
        var id = string.IsNullOrWhiteSpace(Form.Id) ? ProductRules.IdFrom(Form.Name) : Form.Id.Trim();
        if (!ProductRules.IsValidId(id))
        {
            ModelState.AddModelError($"{ProductForm.Prefix}.Id",
                $"An id is 1 to {ShoppingLimits.MaxProductIdLength} lower-case letters and digits, in words joined by single hyphens.");
        }
        var image = await Form.ReadImageAsync(ModelState, cancellationToken);
        if (Form.Read(Categories, PlaceholderImage, ModelState) is not { } fields || !ModelState.IsValid)
        {
            return Page();
        }
        if (image is not null)
        {
            fields = fields with { Image = await images.StoreAsync(id, image, cancellationToken) };
        }
        switch (await editor.CreateAsync(id, fields, Stock, Shopper.Of(User).Email, cancellationToken))
        {
            case ProductEditResult.Saved saved:
                return Redirect($"/operations/products/{Uri.EscapeDataString(saved.Product.Id)}?saved=true");
            default:
                Form.Id = id;
                ModelState.AddModelError($"{ProductForm.Prefix}.Id", $"The id {id} is already another product's; choose another.");
                return Page();
        }
    }
}

using Microsoft.AspNetCore.Mvc.ModelBinding;
using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>What <c>_ProductFields</c> shows: the form as entered, its errors, the categories to pick from, and the
/// product's image (none yet for a new product).</summary>
public sealed record ProductEditorView(ProductForm Form, ModelStateDictionary Errors, IReadOnlyList<Category> Categories, bool IsNew, string? Image = null);

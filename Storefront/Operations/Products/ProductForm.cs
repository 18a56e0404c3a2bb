using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>
/// The product editor's fields as posted. The price is taken as text and read with a dot for decimals whatever the
/// shop's culture, so "12.345" gets "at most two decimals" rather than a binding error.
/// </summary>
public sealed class ProductForm
{
    /// <summary>The name of the editor pages' property that holds the form, which prefixes its fields.</summary>
    public const string Prefix = "Form";

    /// <summary>Only on creation; empty means "made from the name".</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>An existing category's id, or empty to create <see cref="NewCategoryName"/>.</summary>
    public string? Category { get; set; }

    public string? NewCategoryName { get; set; }

    public string? Price { get; set; }

    [Range(0, ProductRules.MaxFeaturedRank, ErrorMessage = "The featured rank is a whole number from 0 to 9999 (lower shows first).")]
    public int FeaturedRank { get; set; } = 100;

    public bool OnSale { get; set; } = true;

    /// <summary>The version the operator saw (edits only).</summary>
    public int Version { get; set; }

    /// <summary>A new image, if one was chosen; else the product keeps its image.</summary>
    public IFormFile? Image { get; set; }

    public static ProductForm Of(Product product) => new()
    {
        Id = product.Id,
        Name = product.Name,
        Description = product.Description,
        Category = product.Category,
        Price = product.Price.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
        FeaturedRank = product.FeaturedRank,
        OnSale = product.OnSale,
        Version = product.Version,
    };

    /// <summary>The image chosen with the form, checked by its content; null if none was chosen or it was refused (then
    /// with the reason under its field in <paramref name="errors"/>).</summary>
    public async Task<ImageCheck.Accepted?> ReadImageAsync(ModelStateDictionary errors, CancellationToken cancellationToken)
    {
        if (Image is not { Length: > 0 } file)
        {
            return null;
        }
        await using var upload = file.OpenReadStream();
        switch (await ProductImageRules.ReadAsync(upload, file.Length, cancellationToken))
        {
            case ImageCheck.Accepted accepted:
                return accepted;
            case ImageCheck.Refused refused:
                errors.AddModelError($"{Prefix}.{nameof(Image)}", refused.Reason);
                return null;
            default:
                throw new InvalidOperationException("An image check is accepted or refused.");
        }
    }

    /// <summary>The fields to save, or null with each problem added to <paramref name="errors"/> under its field.</summary>
    public ProductFields? Read(IReadOnlyList<Category> categories, string image, ModelStateDictionary errors)
    {
        var categoryName = string.IsNullOrWhiteSpace(NewCategoryName)
            ? categories.FirstOrDefault(c => c.Id == Category)?.Name
            : NewCategoryName.Trim();
        foreach (var (field, message) in ProductRules.Check(Name, Description, categoryName))
        {
            errors.AddModelError($"{Prefix}.{field}", message);
        }
        var (price, priceError) = ProductRules.ParsePrice(Price);
        if (priceError is not null)
        {
            errors.AddModelError($"{Prefix}.{nameof(Price)}", priceError);
        }
        if (!errors.IsValid || price is null || categoryName is null)
        {
            return null;
        }
        var categoryId = string.IsNullOrWhiteSpace(NewCategoryName) ? Category! : ProductRules.IdFrom(categoryName);
        // A new category named like an existing one joins it rather than making a twin.
        var category = categories.FirstOrDefault(c => c.Id == categoryId) ?? new Category(categoryId, categoryName);
        return new ProductFields(Name!.Trim(), Description?.Trim() ?? "", category.Id, category.Name, price.Value, FeaturedRank, image, OnSale);
    }
}

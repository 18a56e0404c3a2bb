using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Storefront.Shopping;

namespace Storefront.Catalog;

/// <summary>What a product may be, as operators enter it: one constant per rule, and the clear message for each.</summary>
public static partial class ProductRules
{
    public const int MaxNameLength = 120;
    public const int MaxDescriptionLength = 2000;
    public const int MaxCategoryNameLength = 60;
    public const decimal MaxPrice = 100_000m;
    public const int MaxStock = 1_000_000;
    public const int MaxReasonLength = 200;
    public const int MaxFeaturedRank = 9999;

    /// <summary>Ids look like the seed's: lower-case words of letters and digits joined by single hyphens.</summary>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= ShoppingLimits.MaxProductIdLength } && IdShape().IsMatch(id);

    /// <summary>An id from a name, as the seed's ids are made: accents dropped, lower case, words joined by hyphens
    /// ("Café de Huila Whole Beans" → "cafe-de-huila-whole-beans"). The operator may change it before creating.</summary>
    public static string IdFrom(string? name)
    {
        var slug = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (c is '\'' or '’')
            {
                // "Chef's" → "chefs", as in the seed.
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var id = slug.ToString();
        id = id.Length > ShoppingLimits.MaxProductIdLength ? id[..ShoppingLimits.MaxProductIdLength] : id;
        return id.Trim('-');
    }

    /// <summary>A price as typed (with a dot for decimals), or the message saying what is wrong with it.</summary>
    public static (decimal? Price, string? Error) ParsePrice(string? text)
    {
        if (!decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
        {
            return (null, "Enter the price as a number, like 12.50.");
        }
        if (price <= 0 || price > MaxPrice)
        {
            return (null, $"The price must be more than 0 and at most {MaxPrice.ToString("N0", CultureInfo.InvariantCulture)}.");
        }
        return decimal.Round(price, 2) != price ? (null, "The price can have at most two decimals.") : (price, null);
    }

    /// <summary>Field-level messages for what an operator entered, keyed by field; empty when every field is valid.</summary>
    public static Dictionary<string, string> Check(string? name, string? description, string? categoryName)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            errors["Name"] = $"Enter a name of 1 to {MaxNameLength} characters.";
        }
        if ((description?.Length ?? 0) > MaxDescriptionLength)
        {
            errors["Description"] = $"The description can have at most {MaxDescriptionLength:N0} characters.";
        }
        if (string.IsNullOrWhiteSpace(categoryName) || categoryName.Trim().Length > MaxCategoryNameLength || IdFrom(categoryName).Length == 0)
        {
            errors["Category"] = $"Pick a category, or name a new one (1 to {MaxCategoryNameLength} characters, with a letter or digit).";
        }
        return errors;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdShape();
}

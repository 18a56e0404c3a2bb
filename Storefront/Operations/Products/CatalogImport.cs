using System.Globalization;
using System.Text.RegularExpressions;
using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>A valid row: the product it upserts, the product as it is now (null: a new one) and what would change.</summary>
public sealed record PlannedRow(int Line, string Id, ProductFields Fields, int Stock, Product? Current, IReadOnlyList<ProductChange> Changes);

public sealed record InvalidRow(int Line, string Reason);

/// <summary>What an import file would do: every row's change, or every invalid row (then nothing may be written).</summary>
public sealed record ImportPlan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<InvalidRow> Invalid)
{
    public bool CanApply => Invalid.Count == 0 && Rows.Any(r => r.Changes.Count > 0);

    /// <summary>Each row's product version as the plan saw it (-1: not there yet), to tell whether the catalog moved.</summary>
    public IReadOnlyDictionary<string, int> Versions => Rows.ToDictionary(r => r.Id, r => r.Current?.Version ?? -1);
}

/// <summary>
/// Checks an import file's rows by the editor's rules (<see cref="ProductRules"/>) against the catalog as it is, and
/// says what each would change. Upserts by id: a known id changes that product, an unknown one makes a new product.
/// </summary>
public static partial class CatalogImport
{
    /// <summary>The history's reason for every change an import makes.</summary>
    public const string Reason = "import";

    /// <summary>What a spreadsheet runs as a formula when a cell starts with it (CsvHelper's injection characters).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static ImportPlan Plan(IReadOnlyList<ImportRow> rows, IReadOnlyList<Product> catalog)
    {
        var products = catalog.ToDictionary(p => p.Id);
        var categories = CatalogShelf.Categories(catalog);
        var firstLineOf = new Dictionary<string, int>();
        var planned = new List<PlannedRow>();
        var invalid = new List<InvalidRow>();
        foreach (var row in rows)
        {
            var reasons = new List<string>();
            var id = row.Cells.Count > 0 ? row.Cells[0].Trim() : "";
            if (ProductRules.IsValidId(id) && !firstLineOf.TryAdd(id, row.Line))
            {
                reasons.Add($"the id {id} is on line {firstLineOf[id]} too");
            }
            if (Check(row, products, categories, reasons) is { } valid && reasons.Count == 0)
            {
                planned.Add(valid);
            }
            else
            {
                invalid.Add(new InvalidRow(row.Line, string.Join("; ", reasons) + "."));
            }
        }
        return new ImportPlan(planned, invalid);
    }

    private static PlannedRow? Check(ImportRow row, Dictionary<string, Product> products, IReadOnlyList<Category> categories, List<string> reasons)
    {
        if (row.Cells.Count != CatalogCsv.Header.Length)
        {
            reasons.Add($"it has {row.Cells.Count} cells; a row has {CatalogCsv.Header.Length} ({string.Join(", ", CatalogCsv.Header)})");
            return null;
        }
        var cells = new string[row.Cells.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = row.Cells[i];
            if (cell.Length > 0 && FormulaStarts.Contains(cell[0]) && !IsNumberColumn(i))
            {
                reasons.Add($"the {CatalogCsv.Header[i]} cell starts with \"{Visible(cell[0])}\", which a spreadsheet runs as a formula: write it without");
            }
            cells[i] = Unescaped(cell);
        }
        var (id, name, description, categoryName, priceText, stockText, rankText, onSaleText, imageUrl) =
            (cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim(), cells[4], cells[5], cells[6], cells[7], cells[8].Trim());

        if (!ProductRules.IsValidId(id))
        {
            reasons.Add($"the id \"{id}\" is not one: lower-case letters and digits, in words joined by single hyphens");
        }
        reasons.AddRange(ProductRules.Check(name, description, categoryName).Values.Select(Sentence));
        var (price, priceError) = ProductRules.ParsePrice(priceText);
        if (priceError is not null)
        {
            reasons.Add(Sentence(priceError));
        }
        var stock = WholeNumber(stockText, ProductRules.MaxStock, "stock", reasons);
        var rank = WholeNumber(rankText, ProductRules.MaxFeaturedRank, "featured rank", reasons);
        bool? onSale = onSaleText.Trim().ToLowerInvariant() switch { "true" or "yes" => true, "false" or "no" => false, _ => null };
        if (onSale is null)
        {
            reasons.Add($"on sale is \"{onSaleText}\": write true or false");
        }
        products.TryGetValue(id, out var current);
        var image = Image(imageUrl, current);
        if (image is null)
        {
            reasons.Add($"the image URL \"{imageUrl}\" is not one of the shop's: /media/… (an uploaded image), /static/… or empty to keep it");
        }
        if (reasons.Count > 0 || price is null || stock is null || rank is null || onSale is null || image is null)
        {
            return null;
        }
        var categoryId = ProductRules.IdFrom(categoryName);
        var category = categories.FirstOrDefault(c => c.Id == categoryId) ?? new Category(categoryId, categoryName);
        var fields = new ProductFields(name, description, category.Id, category.Name, price.Value, rank.Value, image, onSale.Value);
        var changes = current is null
            ? [new ProductChange("Product", "", $"new, with {stock} in stock")]
            : ProductFields.Of(current).ChangesTo(fields).Concat(current.Stock == stock ? [] : [new ProductChange("Stock",
                current.Stock.ToString(CultureInfo.InvariantCulture), stock.Value.ToString(CultureInfo.InvariantCulture))]).ToList();
        return new PlannedRow(row.Line, id, fields, stock.Value, current, changes);
    }

    /// <summary>The export's escape undone: a <c>'</c> it put before a formula character makes the cell text.</summary>
    private static string Unescaped(string cell) => cell.Length > 1 && cell[0] == '\'' && FormulaStarts.Contains(cell[1]) ? cell[1..] : cell;

    /// <summary>Price, stock and rank: a minus there is a negative number, refused by its own rule.</summary>
    private static bool IsNumberColumn(int column) => column is 4 or 5 or 6;

    private static string Visible(char c) => c switch { '\t' => "a tab", '\r' => "a carriage return", _ => c.ToString() };

    private static string Sentence(string message) => char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.');

    private static int? WholeNumber(string text, int max, string what, List<string> reasons)
    {
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }
        reasons.Add($"the {what} \"{text}\" is not a whole number from 0 to {max.ToString("N0", CultureInfo.InvariantCulture)}");
        return null;
    }

    /// <summary>The image a URL names: an uploaded image's key, a static file's path, or the product's own if empty.</summary>
    private static string? Image(string url, Product? current)
    {
        if (url.Length == 0)
        {
            return current?.Image ?? NewModel.PlaceholderImage;
        }
        if (url.StartsWith('/') && ProductImages.IsUploaded(url[1..]))
        {
            return url[1..];
        }
        var path = url.Split('?')[0];
        return StaticPath().IsMatch(path) ? path["/static/".Length..] : null;
    }

    [GeneratedRegex(@"^/static/images/[a-z0-9_-]+(/[a-z0-9_-]+)*\.(svg|png|jpg|webp)$")]
    private static partial Regex StaticPath();
}

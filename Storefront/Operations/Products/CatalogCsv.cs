using System.Globalization;
using CsvHelper;
using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>
/// The whole catalog as a CSV file (RFC 4180, UTF-8, a header row), one row per product. A text cell that a
/// spreadsheet would run as a formula (starting with = @ + -, tab or CR) gets a leading <c>'</c>, CsvHelper's
/// injection escape, so opening an export never runs what someone typed into a product.
/// </summary>
public static class CatalogCsv
{
    public static readonly string[] Header =
        ["id", "name", "description", "category", "price", "stock", "featured rank", "on sale", "image URL"];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static string Export(IEnumerable<Product> products, Func<string, string> imageUrl)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            foreach (var product in products.OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                csv.WriteRecord(
                [
                    product.Id, product.Name, product.Description, product.CategoryName,
                    product.Price.ToString("0.00", CultureInfo.InvariantCulture),
                    product.Stock.ToString(CultureInfo.InvariantCulture),
                    product.FeaturedRank.ToString(CultureInfo.InvariantCulture),
                    product.OnSale ? "true" : "false",
                    imageUrl(product.Image),
                ]);
            }
        }
        return text.ToString();
    }
}

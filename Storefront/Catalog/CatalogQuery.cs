using System.Globalization;
using System.Text;

namespace Storefront.Catalog;

/// <summary>
/// What a shopper asked the catalog for, as carried in the query string (<c>q</c>, <c>category</c>, <c>sort</c>,
/// <c>page</c>). Always valid: <see cref="Parse"/> turns whatever arrived into safe values and says what it changed.
/// </summary>
public sealed record CatalogQuery(string Search, string? Category, CatalogSort Sort, int Page)
{
    /// <summary>Longer searches are cut: no product text needs more, and it bounds the work one request can cause.</summary>
    public const int MaxSearchLength = 100;

    public static CatalogQuery Everything { get; } = new("", null, CatalogSort.Featured, 1);

    /// <summary>
    /// Reads raw query values. Each problem is keyed by the parameter it concerns, for the API's validation
    /// problem, and worded for a shopper, for the page, which shows it beside the safe default it used instead.
    /// </summary>
    public static (CatalogQuery Query, IReadOnlyDictionary<string, string[]> Problems) Parse(
        string? search, string? category, string? sort, string? page, IReadOnlyCollection<string> categoryIds)
    {
        var problems = new Dictionary<string, string[]>();

        var text = CleanSearch(search ?? "");
        if (text.Length > MaxSearchLength)
        {
            text = Shorten(text, MaxSearchLength);
            problems["q"] = [$"Searches are limited to {MaxSearchLength} characters, so only the start of yours was used."];
        }

        string? categoryId = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            categoryId = categoryIds.FirstOrDefault(id => string.Equals(id, category.Trim(), StringComparison.OrdinalIgnoreCase));
            if (categoryId is null)
            {
                problems["category"] = ["We have no such category, so products from every category are shown."];
            }
        }

        var order = CatalogSort.Featured;
        if (!string.IsNullOrWhiteSpace(sort) && !CatalogSorts.TryParse(sort.Trim(), out order))
        {
            problems["sort"] = ["Products can be sorted by " +
                string.Join(", ", CatalogSorts.All.Select(s => s.Value)) + "; featured order is used instead."];
        }

        var pageNumber = 1;
        if (!string.IsNullOrWhiteSpace(page) &&
            (!int.TryParse(page.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            pageNumber = 1;
            problems["page"] = ["Page numbers start at 1, so the first page is shown."];
        }

        return (new CatalogQuery(text, categoryId, order, pageNumber), problems);
    }

    /// <summary>The words of the search, each of which a product's name or description must contain.</summary>
    public IReadOnlyList<string> SearchWords => Search.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public CatalogQuery WithPage(int page) => this with { Page = page };

    /// <summary>The shortest URL for this view: defaults are left out, so equal views share one URL.</summary>
    public string ToUrl(string path = "/")
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (Search.Length > 0) values.Add(new("q", Search));
        if (Category is not null) values.Add(new("category", Category));
        if (Sort != CatalogSort.Featured) values.Add(new("sort", Sort.ToQueryValue()));
        if (Page > 1) values.Add(new("page", Page.ToString(CultureInfo.InvariantCulture)));
        return path + QueryString.Create(values);
    }

    /// <summary>
    /// Makes any text safe to match and to echo back: control characters, broken UTF-16 (lone surrogates) and
    /// noncharacters (U+FFFE, which makes normalization throw, and its kin) become spaces, runs of white space one space, and the text is put in composed form so "é" matches however typed.
    /// Reading stops well past the limit, so a huge search costs no more than a long one.
    /// </summary>
    private static string CleanSearch(string raw)
    {
        var clean = new StringBuilder(Math.Min(raw.Length, 4 * MaxSearchLength));
        for (var i = 0; i < raw.Length && clean.Length < 4 * MaxSearchLength; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]) &&
                !IsNoncharacter(char.ConvertToUtf32(c, raw[i + 1])))
            {
                clean.Append(c).Append(raw[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || char.IsWhiteSpace(c) || IsNoncharacter(c))
            {
                if (clean.Length > 0 && clean[^1] != ' ') clean.Append(' ');
            }
            else
            {
                clean.Append(c);
            }
        }
        return clean.ToString().Trim().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Code points Unicode reserves never to be text: U+FDD0–U+FDEF and the last two of every plane.</summary>
    private static bool IsNoncharacter(int codePoint) =>
        (codePoint & 0xFFFE) == 0xFFFE || codePoint is >= 0xFDD0 and <= 0xFDEF;

    /// <summary>Cuts to at most <paramref name="length"/> characters without splitting a surrogate pair.</summary>
    private static string Shorten(string text, int length)
    {
        var end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..end].TrimEnd();
    }
}

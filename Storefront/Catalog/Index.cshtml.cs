using Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Storefront.Site;

namespace Storefront.Catalog;

/// <summary>
/// The catalog: one URL, two representations. A full page normally; for an htmx request from the filters or the
/// pager, only the product grid (<c>_ProductGrid</c>). A history restore is an htmx request too, but htmx swaps the
/// whole body with its answer, so it gets the full page.
/// </summary>
public sealed class IndexModel(CatalogSnapshots snapshots, IOptions<CatalogOptions> options) : PageModel
{
    public CatalogQuery Query { get; private set; } = CatalogQuery.Everything;
    public CatalogPage Results { get; private set; } = null!;
    public IReadOnlyList<Category> Categories { get; private set; } = [];

    /// <summary>What was wrong with the URL and what is shown instead, in the shopper's words.</summary>
    public IReadOnlyList<string> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(
        [FromQuery] string? q, [FromQuery] string? category, [FromQuery] string? sort,
        // Not a parameter named "page": Razor Pages keeps the page's own name in the route value of that name.
        [FromQuery(Name = "page")] string? pageNumber,
        CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var (query, problems) = CatalogQuery.Parse(q, category, sort, pageNumber, snapshot.CategoryIds);
        Results = CatalogShelf.Browse(snapshot.Products, query, options.Value.PageSize);
        Query = query.WithPage(Results.Page);
        Categories = snapshot.Categories;
        Notices = problems.Values.SelectMany(messages => messages)
            .Concat(Results.Page < query.Page ? [$"There is no page {query.Page}, so the last page is shown."] : [])
            .ToList();

        HtmxResponses.VaryByHtmx(Response);
        if (HtmxResponses.WantsPart(Request))
        {
            // The address bar gets the tidy URL of what is shown, not the raw form fields htmx sent.
            Response.Htmx(headers => headers.PushUrl(Query.ToUrl()));
            return Partial("_ProductGrid", this);
        }
        ViewData["Search"] = Query.Search;
        return Page();
    }

    public string CategoryName => Categories.FirstOrDefault(c => c.Id == Query.Category)?.Name ?? "every category";

    /// <summary>The pager's page numbers: the first, the last and two either side of this one; null marks a gap.</summary>
    public IReadOnlyList<int?> PagerPages()
    {
        var pages = new List<int?>();
        for (var page = 1; page <= Results.PageCount; page++)
        {
            if (page == 1 || page == Results.PageCount || Math.Abs(page - Results.Page) <= 2)
            {
                pages.Add(page);
            }
            else if (pages[^1] is not null)
            {
                pages.Add(null);
            }
        }
        return pages;
    }
}

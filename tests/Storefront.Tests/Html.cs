using AngleSharp;
using AngleSharp.Dom;

namespace Storefront.Tests;

/// <summary>Reads pages the way a browser would, to assert on what a shopper sees.</summary>
public static class Html
{
    private static readonly IBrowsingContext Browser = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(string html) => await Browser.OpenAsync(request => request.Content(html));

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await ParseAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The products listed, in the order shown.</summary>
    public static IReadOnlyList<string> ProductIds(this IDocument page) =>
        page.QuerySelectorAll("[data-product-id]").Select(e => e.GetAttribute("data-product-id")!).ToList();
}

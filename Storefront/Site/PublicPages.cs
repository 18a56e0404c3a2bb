namespace Storefront.Site;

/// <summary>
/// The pages anyone may see, which show nothing of a signed-in shopper but the header: the catalog (with its search,
/// sort and page, and its htmx grid) and product pages, on GET. They are the pages kept and served to many
/// (<c>CatalogPageCache</c>), and the only ones on which an instance may reuse a session it read a moment ago
/// (<c>ShopperSessions</c>) instead of reading it again.
/// </summary>
public static class PublicPages
{
    public static bool Is(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && (IsCatalog(request) || request.Path.StartsWithSegments("/products"));

    public static bool IsCatalog(HttpRequest request) => request.Path == "/";
}

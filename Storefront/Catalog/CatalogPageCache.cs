using Htmx;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Catalog;

/// <summary>
/// The catalog and product pages, as a shopper gets them, are the same for everyone who asks for the same URL, but for
/// their antiforgery token, their cart count and, when signed in, their email in the header. So each is rendered once
/// per catalog snapshot (its content version), URL, cart count and kind (a visitor's page, a signed-in shopper's page, the htmx grid) as a <see cref="KeptPage"/>,
/// and each request gets that copy with its own parts put in: Razor Pages does not run for most catalog views. A
/// visitor with a one-time message waiting (<see cref="TempDataCookie"/>) and htmx history restores get the page
/// rendered as usual.
/// </summary>
public sealed class CatalogPageCache(
    RequestDelegate next, [FromKeyedServices(CatalogPageCache.PagesKey)] IMemoryCache pages, IOptions<CatalogOptions> options)
{
    /// <summary>The kept pages' own cache (<see cref="CatalogServiceCollectionExtensions"/>), bounded in size.</summary>
    public const string PagesKey = "catalog-pages";

    public async Task InvokeAsync(HttpContext context, CatalogSnapshots snapshots, ICartItemCount cart)
    {
        if (Kind(context) is not { } kind)
        {
            await next(context);
            return;
        }
        string key;
        try
        {
            var snapshot = await snapshots.CurrentAsync(context.RequestAborted);
            // The grid shows no cart count: one copy serves every count.
            var count = kind == "grid" ? 0 : await cart.ItemCountAsync(context, context.RequestAborted);
            key = $"{kind}|{snapshot.Version}|{count}|{context.Request.Path}{context.Request.QueryString}";
        }
        catch (Exception e) when (DependencyOutage.Is(e))
        {
            await next(context); // The page itself shows what an outage looks like.
            return;
        }

        if (pages.TryGetValue(key, out KeptPage? page) && page is not null)
        {
            HtmxResponses.VaryByHtmx(context.Response);
            await KeptPages.ServeAsync(context, page);
            return;
        }
        page = await KeptPages.RenderAsync(context, next);
        if (page is not null)
        {
            // A page lives as long as its snapshot does (a refresh that finds nothing new keeps it); once not asked for
            // within a lifetime it goes, which is how pages of a replaced snapshot leave.
            pages.Set(key, page, new MemoryCacheEntryOptions { Size = page.Size, SlidingExpiration = options.Value.SnapshotLifetime });
            await KeptPages.ServeAsync(context, page);
        }
    }

    private static string? Kind(HttpContext context)
    {
        if (!PublicPages.Is(context.Request) || context.Request.IsHtmxHistoryRestoreRequest())
        {
            return null;
        }
        if (context.Request.IsHtmx())
        {
            return PublicPages.IsCatalog(context.Request) ? "grid" : null;
        }
        if (context.Request.Cookies.ContainsKey(TempDataCookie.Name))
        {
            return null;
        }
        return context.User.Identity?.IsAuthenticated == true ? "shopper" : "visitor";
    }
}

public static class CatalogPageCacheExtensions
{
    /// <summary>After sign-in (a signed-in shopper's page is their own) and the security checks, before the pages.</summary>
    public static WebApplication UseCatalogPageCache(this WebApplication app)
    {
        app.UseMiddleware<CatalogPageCache>();
        return app;
    }
}

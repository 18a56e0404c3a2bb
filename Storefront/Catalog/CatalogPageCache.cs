using System.Text;
using Htmx;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Catalog;

/// <summary>
/// The catalog page as a visitor who is not signed in gets it: the same for every such visitor, but for their
/// antiforgery token (in the cart form) and their cart count. So it is rendered once per catalog snapshot, URL and cart
/// count, with a placeholder where the token goes, and each request gets that copy with its own token put in: Razor
/// Pages does not run at all for most catalog views. Signed-in shoppers (their email is in the header), htmx requests
/// (the grid partial) and a visitor with a one-time message waiting (<see cref="TempDataCookie"/>) get the page rendered
/// as usual.
/// </summary>
public sealed class CatalogPageCache(
    RequestDelegate next, [FromKeyedServices(CatalogPageCache.PagesKey)] IMemoryCache pages, IOptions<CatalogOptions> options)
{
    private const string RenderingForCache = "CatalogPageCache.Rendering";

    // What no token can be: tokens are base64url, this has characters base64url has not.
    private const string TokenPlaceholder = "{{antiforgery-token}}";

    /// <summary>The kept pages' own cache (<see cref="CatalogServiceCollectionExtensions"/>), bounded in size.</summary>
    public const string PagesKey = "catalog-pages";

    public async Task InvokeAsync(HttpContext context, CatalogSnapshots snapshots, ICartItemCount cart, IAntiforgery antiforgery)
    {
        if (!IsSharedPage(context))
        {
            await next(context);
            return;
        }
        string key;
        try
        {
            var snapshot = await snapshots.CurrentAsync(context.RequestAborted);
            var count = await cart.ItemCountAsync(context, context.RequestAborted);
            key = $"{snapshot.TakenAt.UtcTicks}|{count}|{context.Request.Path}{context.Request.QueryString}";
        }
        catch (Exception e) when (DependencyOutage.Is(e))
        {
            await next(context); // The page itself shows what an outage looks like.
            return;
        }

        if (pages.TryGetValue(key, out CachedPage? page) && page is not null)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            HtmxResponses.VaryByHtmx(context.Response);
        }
        else
        {
            page = await RenderAsync(context);
            if (page is null)
            {
                return; // Not a page to keep (an error page, say): it has been sent as rendered.
            }
            pages.Set(key, page, new MemoryCacheEntryOptions
            {
                Size = page.Head.Length + page.Tail.Length,
                AbsoluteExpirationRelativeToNow = options.Value.SnapshotLifetime,
            });
        }
        var token = Encoding.UTF8.GetBytes(antiforgery.GetAndStoreTokens(context).RequestToken!);
        await context.Response.Body.WriteAsync(page.Head, context.RequestAborted);
        await context.Response.Body.WriteAsync(token, context.RequestAborted);
        await context.Response.Body.WriteAsync(page.Tail, context.RequestAborted);
    }

    /// <summary>The cart form's antiforgery field: the visitor's own token, or the placeholder while the page is
    /// rendered to be kept.</summary>
    public static IHtmlContent AntiforgeryField(HttpContext context) =>
        context.Items.ContainsKey(RenderingForCache)
            ? new HtmlString($"<input name=\"{context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName}\" type=\"hidden\" value=\"{TokenPlaceholder}\">")
            : context.RequestServices.GetRequiredService<IAntiforgery>().GetHtml(context);

    private static bool IsSharedPage(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.Path == "/"
        && !context.Request.IsHtmx()
        && context.User.Identity?.IsAuthenticated != true
        && !context.Request.Cookies.ContainsKey(TempDataCookie.Name);

    /// <summary>
    /// Renders the page with the placeholder into a buffer, split around it. Null when it is not a page to keep: then
    /// it has been sent as rendered, with the visitor's token in place of the placeholder, if it has one.
    /// </summary>
    private async Task<CachedPage?> RenderAsync(HttpContext context)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        context.Items[RenderingForCache] = true;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            context.Items.Remove(RenderingForCache);
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var at = html.IndexOf(TokenPlaceholder, StringComparison.Ordinal);
        // Kept only with exactly one token field, the placeholder: a form added elsewhere on the page with a token of
        // its own would otherwise hand this visitor's token to every other.
        var fieldName = $"name=\"{context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName}\"";
        var keep = context.Response.StatusCode == StatusCodes.Status200OK
            && at >= 0 && html.IndexOf(TokenPlaceholder, at + 1, StringComparison.Ordinal) < 0
            && html.IndexOf(fieldName, StringComparison.Ordinal) == html.LastIndexOf(fieldName, StringComparison.Ordinal);
        if (keep)
        {
            return new CachedPage(Encoding.UTF8.GetBytes(html[..at]), Encoding.UTF8.GetBytes(html[(at + TokenPlaceholder.Length)..]));
        }
        if (at < 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }
        else
        {
            var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken;
            await context.Response.WriteAsync(html.Replace(TokenPlaceholder, token, StringComparison.Ordinal), context.RequestAborted);
        }
        return null;
    }

    private sealed record CachedPage(byte[] Head, byte[] Tail);
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

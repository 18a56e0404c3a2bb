using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace Storefront.Site;

/// <summary>
/// A page rendered once and served to many: what differs per request (the antiforgery token, the signed-in shopper's
/// email) is written as a placeholder while the page is rendered to be kept, and filled in for each request. Views
/// write those parts through the two helpers below; a page is kept only when every token field is a placeholder and
/// nothing of the shopper who rendered it is left in it.
/// </summary>
public static class KeptPages
{
    private const string Rendering = "KeptPages.Rendering";

    // What no token or email can be: tokens are base64url, and an email on the page is HTML-encoded.
    private const string TokenSlot = "{{antiforgery-token}}";
    private const string EmailSlot = "{{shopper-email}}";

    /// <summary>The page's own response headers that are part of it (the htmx grid's tidy URL).</summary>
    private static readonly string[] KeptHeaders = ["HX-Push-Url"];

    /// <summary>A form's antiforgery field: the request's own token, or its placeholder while the page is rendered to be kept.</summary>
    public static IHtmlContent AntiforgeryField(HttpContext context) =>
        context.Items.ContainsKey(Rendering)
            ? new HtmlString($"<input name=\"{FieldName(context)}\" type=\"hidden\" value=\"{TokenSlot}\">")
            : context.RequestServices.GetRequiredService<IAntiforgery>().GetHtml(context);

    /// <summary>The signed-in shopper's email as the header shows it, or its placeholder while the page is rendered to be kept.</summary>
    public static string? ShopperEmail(HttpContext context) =>
        context.Items.ContainsKey(Rendering) ? EmailSlot : context.User.Identity?.Name;

    /// <summary>
    /// Runs the rest of the pipeline with placeholders, into a buffer. Null when the answer is not a page to keep:
    /// then it has been sent as rendered, with this request's own parts in place of the placeholders.
    /// </summary>
    public static async Task<KeptPage?> RenderAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        context.Items[Rendering] = true;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            context.Items.Remove(Rendering);
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var page = Split(html);
        if (context.Response.StatusCode == StatusCodes.Status200OK && HoldsNothingOfItsShopper(context, html, page))
        {
            return page with { Headers = KeptHeaders.Where(context.Response.Headers.ContainsKey).ToDictionary(h => h, h => context.Response.Headers[h].ToString()) };
        }
        if (html.Length > 0) // An empty answer stays unstarted, so the status code pages can still fill it in.
        {
            await WriteAsync(context, page);
        }
        return null;
    }

    public static async Task ServeAsync(HttpContext context, KeptPage page)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        foreach (var (name, value) in page.Headers)
        {
            context.Response.Headers[name] = value;
        }
        await WriteAsync(context, page);
    }

    private static async Task WriteAsync(HttpContext context, KeptPage page)
    {
        var token = page.Slots.Contains(TokenSlot)
            ? Encoding.UTF8.GetBytes(context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!) : [];
        var email = Encoding.UTF8.GetBytes(HtmlEncoder.Default.Encode(context.User.Identity?.Name ?? ""));
        for (var i = 0; i < page.Parts.Count; i++)
        {
            await context.Response.Body.WriteAsync(page.Parts[i], context.RequestAborted);
            if (i < page.Slots.Count)
            {
                await context.Response.Body.WriteAsync(page.Slots[i] == TokenSlot ? token : email, context.RequestAborted);
            }
        }
    }

    private static KeptPage Split(string html)
    {
        var (parts, slots) = (new List<byte[]>(), new List<string>());
        var from = 0;
        while (true)
        {
            var (token, email) = (html.IndexOf(TokenSlot, from, StringComparison.Ordinal), html.IndexOf(EmailSlot, from, StringComparison.Ordinal));
            var at = token < 0 ? email : email < 0 ? token : Math.Min(token, email);
            if (at < 0)
            {
                parts.Add(Encoding.UTF8.GetBytes(html[from..]));
                return new KeptPage(parts, slots, new Dictionary<string, string>());
            }
            var slot = at == token ? TokenSlot : EmailSlot;
            parts.Add(Encoding.UTF8.GetBytes(html[from..at]));
            slots.Add(slot);
            from = at + slot.Length;
        }
    }

    /// <summary>Every token field a placeholder (a form rendered elsewhere with a token of its own would hand this
    /// shopper's token to every other), and the email of whoever rendered it nowhere on the page.</summary>
    private static bool HoldsNothingOfItsShopper(HttpContext context, string html, KeptPage page)
    {
        var field = $"name=\"{FieldName(context)}\"";
        var fields = 0;
        for (var at = html.IndexOf(field, StringComparison.Ordinal); at >= 0; at = html.IndexOf(field, at + 1, StringComparison.Ordinal))
        {
            fields++;
        }
        var email = context.User.Identity?.Name;
        return fields == page.Slots.Count(s => s == TokenSlot)
            && (string.IsNullOrEmpty(email) || (!html.Contains(email, StringComparison.OrdinalIgnoreCase)
                && !html.Contains(HtmlEncoder.Default.Encode(email), StringComparison.OrdinalIgnoreCase)));
    }

    private static string FieldName(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
}

/// <summary>A kept page: its parts, with a placeholder (<see cref="Slots"/>) between each two.</summary>
public sealed record KeptPage(IReadOnlyList<byte[]> Parts, IReadOnlyList<string> Slots, IReadOnlyDictionary<string, string> Headers)
{
    public long Size => Parts.Sum(p => (long)p.Length);
}

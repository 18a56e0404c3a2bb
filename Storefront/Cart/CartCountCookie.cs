using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Storefront.Cart;

/// <summary>
/// The header's cart count, remembered in a cookie, so browsing does not read the cart from DynamoDB on every page
/// (a strongly consistent read per page view for every signed-in shopper and every visitor with a cart; bench/RESULTS.md).
/// The value names the cart it counts (a hash of the cart id), so it is ignored after signing in or out, or for
/// anyone else's cart; every change made through this browser rewrites it; and it lives five minutes, which bounds
/// how long the count can lag a change made elsewhere (another device, the cart expiring). Display only: nothing
/// ordered or priced ever comes from it.
/// </summary>
public static class CartCountCookie
{
    public const string Name = "cart-count";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>The remembered count of <paramref name="cartId"/>, or null if the cookie is absent, stale or another cart's.</summary>
    public static int? Read(HttpRequest request, string cartId) =>
        request.Cookies[Name] is { } value && value.Split('.') is [var count, var tag] && tag == Tag(cartId)
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;

    public static void Write(HttpContext http, string cartId, int count)
    {
        if (http.Response.HasStarted)
        {
            return; // Too late for a header: the next page reads the cart instead.
        }
        http.Response.Cookies.Append(Name, $"{count.ToString(CultureInfo.InvariantCulture)}.{Tag(cartId)}", new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = Lifetime,
        });
    }

    private static string Tag(string cartId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cartId)))[..16];
}

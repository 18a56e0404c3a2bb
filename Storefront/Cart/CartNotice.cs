using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Storefront.Cart;

/// <summary>
/// What a plain (no-JavaScript) "Add to cart" did, carried across its redirect to the page the shopper came from,
/// which shows it once in the layout (<c>Cart/_CartNotice</c>). With htmx the button's own status line says it.
/// TempData keeps it in a cookie (<see cref="Site.TempDataCookie"/>) until it is read, so it needs no server-side session and survives a redirect that
/// lands on another Lambda instance (the cookie is protected with the shared key ring).
/// </summary>
public static class CartNotice
{
    private const string Key = "CartNotice";

    public static void Set(ITempDataDictionary tempData, string message) => tempData[Key] = message;

    /// <summary>The message, if the last request left one; reading it removes it, so a reload does not show it again.</summary>
    public static string? Take(ITempDataDictionary tempData) => tempData[Key] as string;
}

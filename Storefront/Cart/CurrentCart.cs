using Storefront.Catalog;
using Storefront.Shopping;

namespace Storefront.Cart;

/// <summary>
/// The cart of whoever makes the request: a signed-in shopper's is keyed by their <c>sub</c>; an anonymous visitor's
/// by a random id in a cookie. When a visitor signs in, their anonymous cart is merged into their own.
/// </summary>
public sealed class CurrentCart(CartStore carts, ProductCatalog catalog) : ICartItemCount
{
    private const string CookieName = "cart";

    /// <summary>This request's cart once known: a cart made by this request has no cookie in the request yet.</summary>
    private string? _cartId;

    /// <summary>The cart's item count once this request has read or changed the cart.</summary>
    private int? _itemCount;

    public async Task<ShoppingCart> GetAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var cartId = await ResolveAsync(http, create: false, cancellationToken);
        if (cartId is null)
        {
            return ShoppingCart.Empty("");
        }
        var cart = await carts.GetAsync(cartId, cancellationToken);
        Remember(http, cart);
        return cart;
    }

    /// <summary>The header's count: this request's own if it read or changed the cart, else the count cookie's when it
    /// is this cart's (<see cref="CartCountCookie"/>), else read from the table.</summary>
    public async Task<int> ItemCountAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (_itemCount is { } known)
        {
            return known;
        }
        var cartId = await ResolveAsync(http, create: false, cancellationToken);
        if (cartId is null)
        {
            return 0;
        }
        return CartCountCookie.Read(http.Request, cartId) ?? (await GetAsync(http, cancellationToken)).ItemCount;
    }

    public async Task<CartChange> AddAsync(HttpContext http, string productId, int quantity, CancellationToken cancellationToken)
    {
        if (quantity < 1 || await catalog.FindAsync(productId, cancellationToken) is not { OnSale: true } product)
        {
            return quantity < 1 ? CartChange.Done : CartChange.UnknownProduct;
        }
        var cartId = (await ResolveAsync(http, create: true, cancellationToken))!;
        var (change, cart) = await carts.AddAsync(cartId, productId, quantity, product.Price, cancellationToken);
        if (cart is not null)
        {
            Remember(http, cart);
        }
        return change;
    }

    /// <summary>Sets a line's quantity; 0 removes the line. False if other changes to the cart kept winning the race.</summary>
    public async Task<bool> SetQuantityAsync(HttpContext http, string productId, int quantity, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(http, create: false, cancellationToken) is not { } cartId)
        {
            return true;
        }
        var clamped = Math.Clamp(quantity, 0, ShoppingLimits.MaxQuantity);
        if (await carts.SetQuantityAsync(cartId, productId, clamped, cancellationToken) is not { } cart)
        {
            return false;
        }
        Remember(http, cart);
        return true;
    }

    public async Task ClearAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(http, create: false, cancellationToken) is { } cartId)
        {
            await carts.DeleteAsync(cartId, cancellationToken);
            Remember(http, ShoppingCart.Empty(cartId));
        }
    }

    private async Task<string?> ResolveAsync(HttpContext http, bool create, CancellationToken cancellationToken) =>
        _cartId ??= await FindOrCreateAsync(http, create, cancellationToken);

    private async Task<string?> FindOrCreateAsync(HttpContext http, bool create, CancellationToken cancellationToken)
    {
        var anonymousId = http.Request.Cookies[CookieName] is { } value && Guid.TryParseExact(value, "N", out var id) ? $"anon#{id:N}" : null;
        if (Shopper.From(http.User) is not { } shopper)
        {
            if (anonymousId is null && create)
            {
                var newId = Guid.NewGuid().ToString("N");
                http.Response.Cookies.Append(CookieName, newId, new CookieOptions
                {
                    HttpOnly = true,
                    Secure = http.Request.IsHttps,
                    SameSite = SameSiteMode.Lax,
                    IsEssential = true,
                    MaxAge = TimeSpan.FromDays(30),
                });
                anonymousId = $"anon#{newId}";
            }
            return anonymousId;
        }

        var shopperCartId = $"shopper#{shopper.Id}";
        if (anonymousId is not null)
        {
            // Signed in with an anonymous cart: fold it into the shopper's cart, once (a later request retries if
            // this one kept losing races).
            if (await carts.FoldAsync(anonymousId, shopperCartId, cancellationToken) is { } merged)
            {
                Remember(http, merged);
                http.Response.Cookies.Delete(CookieName);
            }
        }
        return shopperCartId;
    }

    /// <summary>Knows the count for the rest of this request and, if the browser's cookie says otherwise, corrects it.</summary>
    private void Remember(HttpContext http, ShoppingCart cart)
    {
        _itemCount = cart.ItemCount;
        if (CartCountCookie.Read(http.Request, cart.CartId) != cart.ItemCount)
        {
            CartCountCookie.Write(http, cart.CartId, cart.ItemCount);
        }
    }
}

namespace Storefront.Shopping;

/// <summary>
/// How many items the visitor's cart holds, as the header shows it. The cart feature answers; the catalog's kept page
/// is keyed by it, without depending on how carts are stored.
/// </summary>
public interface ICartItemCount
{
    Task<int> ItemCountAsync(HttpContext http, CancellationToken cancellationToken);
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Shopping;

namespace Storefront.Orders;

/// <summary>My orders, newest first. Only ever the signed-in shopper's own: their id is the table's key.</summary>
[Authorize]
public sealed class IndexModel(OrderStore orders) : PageModel
{
    public IReadOnlyList<Order> Orders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var shopper = Shopper.Of(User);
        Orders = await orders.ListForShopperAsync(shopper.Id, limit: 50, cancellationToken);
    }
}

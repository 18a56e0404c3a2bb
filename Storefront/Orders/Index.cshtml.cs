using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Shopping;

namespace Storefront.Orders;

/// <summary>My orders, newest first, a page at a time, optionally in one status (<see cref="ShopperOrderList"/>).
/// Only ever the signed-in shopper's own: their id is the table's key.</summary>
[Authorize]
public sealed class IndexModel(ShopperOrderList list) : PageModel
{
    public IReadOnlyList<Order> Orders { get; private set; } = [];
    public string? NextPage { get; private set; }
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public OrderStatus? Filter => ShopperOrderList.StatusNamed(Status);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        switch (await list.PageAsync(Shopper.Of(User).Id, Status, Cursor, cancellationToken))
        {
            case OrderListResult.Page page:
                Orders = page.Orders;
                NextPage = page.Next is { } next
                    ? "/orders" + QueryString.Create(new Dictionary<string, string?> { ["status"] = Filter?.ToString().ToLowerInvariant(), ["cursor"] = next }.Where(p => p.Value is not null))
                    : null;
                return Page();
            case OrderListResult.UnknownStatus:
                Error = "Choose one of the listed statuses.";
                break;
            default:
                Error = "That page link is not valid any more. Start again from your first page of orders.";
                break;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

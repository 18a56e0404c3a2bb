using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Account;

/// <summary>The shopper's own page; signing in is required, so it is where "my orders" will go.</summary>
[Authorize]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

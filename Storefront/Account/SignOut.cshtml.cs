using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Storefront.Account;

/// <summary>
/// Ends the shop's session, then the hosted UI's through Cognito's <c>/logout</c> (Cognito has no OpenID Connect
/// end-session endpoint), so the next sign-in asks for the password again. A POST with an antiforgery token, so no
/// other site can sign a shopper out; a GET shows the button.
/// </summary>
public sealed class SignOutModel(IOptions<AuthOptions> auth) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect(auth.Value.LogoutUrl);
    }
}

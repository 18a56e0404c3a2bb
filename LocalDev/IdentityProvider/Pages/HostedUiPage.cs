using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LocalDev.IdentityProvider.Pages;

/// <summary>
/// A hosted-UI page. Like Cognito's, each page carries the app's authorize parameters (client_id, redirect_uri,
/// state, PKCE…) in its query string from page to page, and sends the browser back to <c>/oauth2/authorize</c> with
/// them once the user has signed in; OpenIddict validates them there. Only the email, a notice and the page handler are its own.
/// </summary>
public abstract class HostedUiPage : PageModel
{
    private static readonly string[] PageParameters = ["email", "notice", "handler"];

    [BindProperty(SupportsGet = true)]
    public string Email { get; set; } = "";

    public string? Error { get; protected set; }

    /// <summary>The app's authorize parameters, for links and redirects between pages.</summary>
    public string AuthorizeQuery(string? email = null, string? notice = null)
    {
        var query = new QueryBuilder(Request.Query.Where(p => !PageParameters.Contains(p.Key)));
        if (!string.IsNullOrEmpty(email))
        {
            query.Add("email", email);
        }
        if (notice is not null)
        {
            query.Add("notice", notice);
        }
        return query.ToString();
    }

    /// <summary>Whether the page was opened from an app's sign-in, so it has somewhere to return to.</summary>
    public bool CameFromApp => Request.Query.ContainsKey("client_id");

    protected IActionResult ContinueTo(string path, string? email = null, string? notice = null) =>
        LocalRedirect(path + AuthorizeQuery(email, notice));
}

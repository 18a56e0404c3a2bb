using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Errors;

/// <summary>The friendly page for every error status, rendered in place of the failed request.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "Please try again in a moment.";

    public void OnGet(int? code) => Describe(code);
    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        (Title, Message) = status switch
        {
            404 => ("Page not found", "We couldn't find that page. It may have moved, or the link may be wrong."),
            400 => ("That request didn't look right", "Please check what you entered and try again."),
            _ => (Title, Message),
        };
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Observability;
using Storefront.Site;

namespace Storefront.Errors;

/// <summary>
/// The friendly page for every error status, rendered in place of the failed request whatever its method. It says
/// what the shopper can do and gives the request's correlation id as a reference, which is in every log line of the
/// request; never anything internal. No handler parameters, so nothing binds from (or reads) the failed request's body.
/// An htmx request gets the message alone, which htmx puts where the answer would have gone (the layout's htmx-config).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    /// <summary>The 503's words, which <see cref="Security.OutageGuard"/> also answers when this page cannot render.</summary>
    public const string BusyTitle = "We're busy right now";
    public const string BusyMessage = "Nothing was changed. Please try again in a moment.";

    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "Please try again in a moment.";
    public string Reference { get; private set; } = "";

    /// <summary>The message alone, for htmx to swap in; not the page.</summary>
    public bool AsPart { get; private set; }

    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) => Describe();

    private void Describe()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 500;
        // Visited directly, /error/500 is just an address that is not a page.
        var status = reExecuted && code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        Reference = HttpContext.GetCorrelationId();
        // The exception handler clears the response's headers; the reference must stay findable.
        Response.Headers[RequestContext.CorrelationIdHeader] = Reference;
        ViewData["CartUnavailable"] = status >= 500;
        HtmxResponses.VaryByHtmx(Response);
        AsPart = HtmxResponses.WantsPart(Request);
        (Title, Message) = status switch
        {
            404 => ("Page not found", "We couldn't find that page. It may have moved, or the link may be wrong."),
            400 => ("That request didn't look right", "Please check what you entered and try again."),
            405 => ("That can't be done here", "This page doesn't accept that kind of request."),
            413 => ("That was too much to send", "What you sent is larger than we accept. Please send less and try again."),
            414 => ("That address is too long", "Please use a shorter address, or start again from the home page."),
            429 => ("Too many tries", "You've done that several times in a short while. Please wait a minute, then try again."),
            431 => ("Your browser sent too much", "Clearing this site's cookies and trying again usually helps."),
            503 => (BusyTitle, BusyMessage),
            >= 400 and < 500 => ("That request didn't look right", "Please check what you entered and try again."),
            _ => (Title, Message),
        };
    }
}

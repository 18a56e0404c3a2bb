using Htmx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;

namespace Storefront.Account;

/// <summary>
/// What a request gets when an authorization policy refuses it. A policy with <see cref="HiddenWhenRefused"/> (the
/// operator pages) answers 404 to anyone it refuses, signed in or not, so such a page looks like any unknown address
/// rather than announcing that it exists.
/// <para>
/// A page that needs sign-in answers a visitor with a 302 to the hosted UI. htmx follows a redirect inside its
/// XHR, where the hosted UI, on another origin, fails: the order page's status poll kept failing every 2 s once the
/// session had ended. So an htmx request gets 401 with <c>HX-Redirect: /account/signin?returnUrl=…</c>, and htmx
/// loads that in the whole window: the same hosted UI, then back to the page the shopper was on. Any other request
/// keeps the 302. A policy with its own scheme (the orders API's bearer tokens) keeps its own 401.
/// </para>
/// </summary>
public sealed class RefusedRequests : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Succeeded && policy.Requirements.OfType<HiddenWhenRefused>().Any())
        {
            // No body, so the status code pages show the shop's own "Page not found".
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (!authorizeResult.Challenged || policy.AuthenticationSchemes.Count > 0 || !context.Request.IsHtmx(out var htmx))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Htmx(headers => headers.Redirect(SignInUrl(context.Request, htmx?.CurrentUrl)));
        // htmx never shows the body of a 401, and navigates at once: no error page to render.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The header's "Sign in" link, back to the page the shopper is on: htmx's <c>HX-Current-URL</c> if it is on this
    /// shop, else the URL asked for (the status poll asks for its page's own URL).
    /// </summary>
    public static string SignInUrl(HttpRequest request, string? currentUrl)
    {
        var page = Uri.TryCreate(currentUrl, UriKind.Absolute, out var current)
            && string.Equals(current.GetLeftPart(UriPartial.Authority), $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
                ? current.PathAndQuery
                : $"{request.PathBase}{request.Path}{request.QueryString}";
        return $"/account/signin?returnUrl={Uri.EscapeDataString(page)}";
    }
}

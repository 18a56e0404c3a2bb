namespace Storefront.Account;

/// <summary>
/// Whatever the shop answers a signed-in shopper is theirs alone: every page shows their email in the header, and
/// orders, account, checkout and cart show much more. <c>Cache-Control: no-store</c> keeps such an answer out of the
/// browser's cache and any proxy's, so the back button of a shared computer, after sign-out, or a proxy never shows
/// it to the next person. Decided when the response starts, so it covers pages, htmx partials (the order status
/// poll), the JSON API (whose bearer token is authenticated later, by its endpoint's policy), redirects and error
/// pages alike. Anonymous answers are left as they are.
/// </summary>
public static class SignedInResponses
{
    public static IApplicationBuilder UseNoStoreForSignedInShoppers(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            if (http.User.Identity?.IsAuthenticated == true)
            {
                http.Response.Headers.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Security;

/// <summary>
/// Razor Pages renders a page even when no handler matches the request (<c>POST /?handler=nope</c>, <c>PUT /cart</c>,
/// <c>TRACE /</c>), skipping its <c>OnGet</c>: at best a page that pretends something happened, at worst a 500 from
/// a page whose model was never loaded. Here an unknown handler name is 404 and a method no handler takes is 405
/// (with Allow; OPTIONS gets 204 with Allow), before any page code runs. GET and HEAD of a page without handlers
/// still render it.
/// </summary>
public sealed class UnknownHandlers : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        // The error page answers re-executed requests of every method, and has no handlers on purpose.
        var reExecuted = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (context.HandlerMethod is not null || reExecuted)
        {
            await next();
            return;
        }
        var handlerName = context.RouteData.Values["handler"] as string ?? http.Request.Query["handler"].ToString();
        if (!string.IsNullOrEmpty(handlerName))
        {
            context.Result = new NotFoundResult();
        }
        else if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
                .Append("GET").Append("HEAD").Distinct();
            http.Response.Headers.Allow = string.Join(", ", allowed);
            // OPTIONS asks just that: which methods the page takes.
            context.Result = HttpMethods.IsOptions(http.Request.Method) ? new NoContentResult() : new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
        else
        {
            await next();
        }
    }
}

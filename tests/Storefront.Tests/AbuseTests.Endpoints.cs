using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>Every endpoint that changes something, found from routing, refuses a request without an antiforgery token.</summary>
public sealed partial class AbuseTests
{
    /// <summary>Endpoints that take any method but change nothing; anything new that does must not join this list.</summary>
    private static readonly string[] ReadOnlyForAnyMethod = ["/healthz", "/readyz"];

    private static readonly string[] UnsafeMethods = ["POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task Every_endpoint_that_takes_an_unsafe_method_refuses_a_request_without_an_antiforgery_token()
    {
        var endpoints = await UnsafeEndpointsAsync();
        // An administrator, so that authorization lets every request reach the antiforgery check.
        using var client = Shop.Browser("forger;admin");
        await client.TokenAsync("/"); // the antiforgery cookie, as a visitor's browser has it: only the token is missing

        Assert.Superset(new HashSet<string> { "POST /cart?handler=Lines", "POST /cart?handler=Update", "POST /cart?handler=Remove",
            "POST /checkout", "POST /checkout/buy-now", "POST /account/signout", "POST /operations?handler=Redrive" },
            endpoints.Select(e => $"{e.Method} {e.Url}").ToHashSet());
        foreach (var (method, url) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url)
            {
                Content = new FormUrlEncodedContent([new("productId", "enamel-camp-mug"), new("quantity", "1")]),
            };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} without a token answered {(int)response.StatusCode}.");
        }
    }

    [Theory]
    [InlineData("POST", "/cart?handler=NoSuchHandler")]
    [InlineData("POST", "/?handler=Search")]
    [InlineData("GET", "/cart?handler=Lines")]
    [InlineData("GET", "/checkout?handler=Redrive")]
    [InlineData("PUT", "/cart")]
    [InlineData("DELETE", "/checkout")]
    [InlineData("PATCH", "/products/enamel-camp-mug")]
    [InlineData("DELETE", "/api/products/enamel-camp-mug")]
    [InlineData("POST", "/api/products")]
    [InlineData("OPTIONS", "/")]
    [InlineData("TRACE", "/")]
    [InlineData("PROPFIND", "/cart")]
    public async Task Unknown_handlers_and_methods_are_answered_without_a_server_error_or_a_change(string method, string url)
    {
        using var client = Shop.Browser(NewShopper());
        var token = await client.TokenAsync("/");
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET" && method != "TRACE" && method != "OPTIONS")
        {
            request.Content = AbuseTestSupport.Form(token, ("productId", "enamel-camp-mug"), ("quantity", "3"));
        }

        var response = await client.SendAsync(request);
        var cart = await client.GetStringAsync("/cart");

        response.NotAServerError();
        Assert.False(response.IsSuccessStatusCode && method is not ("GET" or "OPTIONS"), $"{method} {url} answered {(int)response.StatusCode}.");
        Assert.True(method != "OPTIONS" || response.Content.Headers.Allow.Contains("GET"), "OPTIONS answers which methods are allowed.");
        Assert.DoesNotContain("data-product-id=\"enamel-camp-mug\"", cart);
    }

    /// <summary>Every (method, URL) that reaches an endpoint able to change state: Razor Pages handlers for unsafe
    /// methods, and other endpoints that accept an unsafe method.</summary>
    private async Task<IReadOnlyList<(string Method, string Url)>> UnsafeEndpointsAsync()
    {
        var loader = Shop.Services.GetRequiredService<PageLoader>();
        var found = new List<(string, string)>();
        foreach (var endpoint in Shop.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Sample(endpoint.RoutePattern.RawText!);
            // Signed in by a bearer token, which browsers never attach by themselves: no cross-site forgery to refuse
            // (OrdersApiTests prove such a request without the token is a 401).
            if (endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == Storefront.Account.AccessTokens.Policy))
            {
                continue;
            }
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                found.AddRange(compiled.HandlerMethods
                    .Where(h => UnsafeMethods.Contains(h.HttpMethod, StringComparer.OrdinalIgnoreCase))
                    .Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name is null ? path : $"{path}?handler={h.Name}")));
            }
            else if (!ReadOnlyForAnyMethod.Contains(path))
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? UnsafeMethods;
                found.AddRange(methods.Where(m => UnsafeMethods.Contains(m)).Select(m => (m, path)));
            }
        }
        return found.Distinct().ToList();
    }

    /// <summary>The route with a plausible value for each parameter; an optional handler segment is left out.</summary>
    private static string Sample(string pattern)
    {
        var path = Regex.Replace("/" + pattern.TrimStart('/'), @"/\{handler\?\}", "");
        path = Regex.Replace(path, @"\{[^}]*:int[^}]*\}", "400");
        path = Regex.Replace(path, @"/\{[^}]*\?\}", "");
        return Regex.Replace(path, @"\{[^}]*\}", "sample-id");
    }
}

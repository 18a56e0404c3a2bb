using Htmx;
using Microsoft.Net.Http.Headers;

namespace Storefront.Site;

/// <summary>One URL, two representations: the whole page, or for htmx only the part it swaps.</summary>
public static class HtmxResponses
{
    /// <summary>An htmx request that swaps the answer into part of the page (a history restore asks for the whole page).</summary>
    public static bool WantsPart(HttpRequest request) => request.IsHtmx() && !request.IsHtmxHistoryRestoreRequest();

    /// <summary>Caches must not hand the part to a browser that asked for the page, or the other way round (a
    /// history restore asks for the whole page).</summary>
    public static void VaryByHtmx(HttpResponse response) =>
        response.Headers.Append(HeaderNames.Vary, $"{HtmxRequestHeaders.Keys.Request}, {HtmxRequestHeaders.Keys.HistoryRestoreRequest}");
}

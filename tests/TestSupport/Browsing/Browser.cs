using System.Net;

namespace TestSupport.Browsing;

/// <summary>A page as a browser ends up on it: its URL, status and HTML, and the redirects that led there.</summary>
public sealed record Page(Uri Url, HttpStatusCode Status, string Html, IReadOnlyList<Uri> Redirects)
{
    public string Text => WebUtility.HtmlDecode(Html);
}

/// <summary>
/// Enough of a browser for sign-in round trips over real HTTP: one cookie jar for every host (cookies ignore ports,
/// as browsers' do), redirects followed one by one so a test can stop at any, and forms submitted with their
/// hidden fields (antiforgery tokens included).
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly HttpClient _http;

    public Browser()
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false });
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Opens <paramref name="url"/> and follows redirects, stopping before a URL that
    /// <paramref name="stopBefore"/> picks (then the page's URL is that one, not yet requested, with no HTML).</summary>
    public async Task<Page> OpenAsync(string url, Func<Uri, bool>? stopBefore = null) =>
        await FollowAsync(new Uri(url), () => new HttpRequestMessage(HttpMethod.Get, url), stopBefore);

    /// <summary>Fills in and submits the page's form whose action contains <paramref name="action"/> (the first
    /// form if null), keeping its hidden fields, then follows redirects.</summary>
    public async Task<Page> SubmitAsync(Page page, IReadOnlyDictionary<string, string> fields, string? action = null,
        Func<Uri, bool>? stopBefore = null)
    {
        var (formAction, values) = HtmlForms.Find(page.Html, action);
        var target = new Uri(page.Url, formAction ?? page.Url.PathAndQuery);
        foreach (var (name, value) in fields)
        {
            values[name] = value;
        }
        return await FollowAsync(target, () => new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(values) }, stopBefore);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => await _http.SendAsync(request);

    private async Task<Page> FollowAsync(Uri url, Func<HttpRequestMessage> firstRequest, Func<Uri, bool>? stopBefore)
    {
        var redirects = new List<Uri>();
        using var request = firstRequest();
        var response = await _http.SendAsync(request);
        for (var hop = 0; hop < 20; hop++)
        {
            if (response.Headers.Location is not { } location)
            {
                var html = await response.Content.ReadAsStringAsync();
                response.Dispose();
                return new Page(url, response.StatusCode, html, redirects);
            }
            url = new Uri(url, location);
            redirects.Add(url);
            response.Dispose();
            if (stopBefore?.Invoke(url) == true)
            {
                return new Page(url, HttpStatusCode.Redirect, "", redirects);
            }
            response = await _http.GetAsync(url);
        }
        throw new InvalidOperationException($"Too many redirects: {string.Join(" -> ", redirects)}");
    }

    public void Dispose() => _http.Dispose();
}

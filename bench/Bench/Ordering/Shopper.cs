using System.Diagnostics;
using System.Net;
using TestSupport;
using TestSupport.Browsing;

namespace Bench.Ordering;

/// <summary>One checkout as the shopper saw it: how long from pressing "Place order" to reading "Order received".</summary>
public sealed record PlacedOrder(string OrderId, TimeSpan Latency);

/// <summary>
/// A shopper with a real session: signed up and signed in once through the hosted-UI flow of the local provider
/// (the stand-in for Cognito), then keeping the session cookie like a browser. Orders go through the checkout form
/// exactly as a browser posts it, antiforgery token included.
/// </summary>
public sealed class Shopper(Browser browser, string origin) : IDisposable
{
    private const string Password = "Bench-Passw0rd!";

    public static async Task<Shopper> SignUpAsync(string origin, Mailbox mailbox)
    {
        var browser = new Browser();
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        var login = await browser.OpenAsync($"{origin}/account/signin?returnUrl=%2F");
        var signUp = await browser.OpenAsync(new Uri(login.Url, "/signup" + login.Url.Query).ToString());
        var confirm = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password });
        if (confirm.Url.AbsolutePath != "/confirm")
        {
            throw new InvalidOperationException($"Sign-up of {email} did not ask for a code:\n{confirm.Text}");
        }
        var again = await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Code"] = await mailbox.LatestCodeAsync(email) });
        var home = await browser.SubmitAsync(again, new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password });
        if (!home.Url.AbsoluteUri.StartsWith(origin, StringComparison.Ordinal) || !home.Text.Contains("Sign out", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{email} did not end up signed in on the shop ({home.Url}):\n{home.Text}");
        }
        return new Shopper(browser, origin);
    }

    /// <summary>
    /// Opens the checkout for one unit of <paramref name="productId"/> ("Buy now"; not timed), then times the form post
    /// and the redirect it answers with, up to the "Order received" page. Null when the order was not accepted.
    /// </summary>
    public async Task<PlacedOrder?> PlaceOrderAsync(string productId)
    {
        var form = await browser.OpenAsync($"{origin}/checkout?buy={Uri.EscapeDataString(productId)}&quantity=1");
        if (form.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The checkout page answered {(int)form.Status} at {form.Url}.");
        }
        var fields = HtmlForms.Fields(form.Html, "/checkout");
        // A first checkout has no address to prefill: the shopper types one (the country is a list, which the form
        // reader does not see).
        foreach (var (name, value) in new[] { ("ShipTo.FullName", "Bench Shopper"), ("ShipTo.Line1", "1 Load Street"), ("ShipTo.City", "Testville"), ("ShipTo.Country", "US") })
        {
            if (string.IsNullOrEmpty(fields.GetValueOrDefault(name)))
            {
                fields[name] = value;
            }
        }

        var started = Stopwatch.GetTimestamp();
        using var post = new HttpRequestMessage(HttpMethod.Post, $"{origin}/checkout") { Content = new FormUrlEncodedContent(fields) };
        using var accepted = await browser.SendAsync(post);
        if (accepted.StatusCode != HttpStatusCode.Redirect || accepted.Headers.Location is not { } location)
        {
            Console.WriteLine($"    checkout answered {(int)accepted.StatusCode}");
            return null;
        }
        var receivedUrl = new Uri(new Uri(origin), location);
        using var received = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, receivedUrl));
        var html = await received.Content.ReadAsStringAsync();
        var latency = Stopwatch.GetElapsedTime(started);

        if (!received.IsSuccessStatusCode || !html.Contains("Order received", StringComparison.Ordinal))
        {
            Console.WriteLine($"    {receivedUrl} answered {(int)received.StatusCode} without \"Order received\"");
            return null;
        }
        return new PlacedOrder(Uri.UnescapeDataString(receivedUrl.AbsolutePath["/orders/".Length..]), latency);
    }

    /// <summary>What the shopper's browser sends back on every page of the shop: the session cookie among others.</summary>
    public string Cookies => browser.Cookies.GetCookieHeader(new Uri(origin));

    public void Dispose() => browser.Dispose();
}

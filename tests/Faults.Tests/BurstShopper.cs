using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using TestSupport;
using TestSupport.Browsing;

namespace Faults.Tests;

/// <summary>
/// A signed-in shopper in a browser without JavaScript: adds products to the cart, checks out with the form's
/// idempotency key, and on the shop's 503 "try again" does what the page asks: waits a moment and submits the same
/// form again (same key). Then looks at the order's page, as the status poll does.
/// </summary>
public sealed class BurstShopper(string origin, ShopperLog log) : IDisposable
{
    /// <summary>How often a shopper tries one step again before giving up (each try waits a little longer).</summary>
    private const int Patience = 12;

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);
    private readonly Browser _browser = new();

    public string Email { get; } = HostedUi.NewEmail();

    public async Task SignUpAsync(Mailbox mailbox)
    {
        var account = await _browser.SignUpConfirmAndSignInAsync(await _browser.OpenAsync($"{origin}/account"), mailbox, Email);
        Assert.True(account.Status == HttpStatusCode.OK && account.Url.AbsolutePath == "/account", $"Sign-in ended on {account.Url} ({account.Status}).");
    }

    /// <summary>Adds <paramref name="lines"/> to the cart and checks out. Returns the order id the shop said it accepted,
    /// or null if the shopper gave up.</summary>
    public async Task<string?> PlaceOrderAsync(IReadOnlyList<(string ProductId, int Quantity)> lines)
    {
        foreach (var (productId, quantity) in lines)
        {
            var product = await UntilAnsweredAsync(HttpMethod.Get, $"/products/{productId}", null);
            if (product is null)
            {
                return null;
            }
            var token = Field(product.Value.Body, "__RequestVerificationToken");
            var added = await UntilAnsweredAsync(HttpMethod.Post, "/cart/lines",
                new Dictionary<string, string> { ["productId"] = productId, ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture), ["__RequestVerificationToken"] = token });
            if (added is not { Status: >= HttpStatusCode.Redirect and < HttpStatusCode.BadRequest })
            {
                log.Unexpectedly($"Add to cart answered {added?.Status}");
                return null;
            }
        }

        var checkout = await UntilAnsweredAsync(HttpMethod.Get, "/checkout", null);
        if (checkout is null)
        {
            return null;
        }
        var form = CheckoutForm(checkout.Value.Body);
        var placed = await UntilAnsweredAsync(HttpMethod.Post, "/checkout", form);
        if (placed is not { Status: HttpStatusCode.Redirect, Location: { } location } || !location.StartsWith("/orders/", StringComparison.Ordinal))
        {
            log.Unexpectedly($"Checkout answered {placed?.Status} {placed?.Location}: {placed?.Body[..Math.Min(placed.Value.Body.Length, 300)]}");
            return null;
        }
        var orderId = Uri.UnescapeDataString(location["/orders/".Length..].Split('?')[0]);
        log.Accept(orderId, Email);
        return orderId;
    }

    /// <summary>Opens the order's page, as the shopper (or htmx's status poll) does while it is pending.</summary>
    public Task LookAtOrderAsync(string orderId) => UntilAnsweredAsync(HttpMethod.Get, $"/orders/{Uri.EscapeDataString(orderId)}", null);

    /// <summary>The checkout form's fields as the browser submits them (names may repeat), with the address filled in
    /// where the prefill left it empty (the first order).</summary>
    private static List<KeyValuePair<string, string>> CheckoutForm(string html)
    {
        var form = new HtmlParser().ParseDocument(html).QuerySelector("form.checkout-form")
            ?? throw new InvalidOperationException("No checkout form on the page.");
        var fields = form.QuerySelectorAll("input[name], select[name]")
            .Select(f => KeyValuePair.Create(f.GetAttribute("name")!, f.TagName == "SELECT"
                ? f.QuerySelector("option[selected]")?.GetAttribute("value") ?? ""
                : f.GetAttribute("value") ?? ""))
            .ToList();
        foreach (var (name, value) in Address)
        {
            if (string.IsNullOrEmpty(fields.FirstOrDefault(f => f.Key == name).Value))
            {
                fields.RemoveAll(f => f.Key == name);
                fields.Add(KeyValuePair.Create(name, value));
            }
        }
        return fields;
    }

    private static readonly (string Name, string Value)[] Address =
        [("ShipTo.FullName", "Ada Lovelace"), ("ShipTo.Line1", "12 St James's Square"), ("ShipTo.City", "London"), ("ShipTo.PostalCode", "SW1Y 4JH"), ("ShipTo.Country", "GB")];

    private readonly record struct Answer(HttpStatusCode Status, string? Location, string Body);

    /// <summary>Sends the request until the shop answers something other than its 503 "try again" (the same form each
    /// time). Null if the shopper ran out of patience.</summary>
    private async Task<Answer?> UntilAnsweredAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form)
    {
        for (var attempt = 1; attempt <= Patience; attempt++)
        {
            using var request = new HttpRequestMessage(method, $"{origin}{path}") { Content = form is null ? null : new FormUrlEncodedContent(form) };
            using var response = await _browser.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            log.Answered(method, path, response.StatusCode, body);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, body);
            }
            await Task.Delay(Pause * attempt);
        }
        log.Unexpectedly($"{method} {path}: still 503 after {Patience} tries");
        return null;
    }

    private static string Field(string html, string name) =>
        new HtmlParser().ParseDocument(html).QuerySelector($"input[name={name}]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"No {name} field on the page.");

    public void Dispose() => _browser.Dispose();
}

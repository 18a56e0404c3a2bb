using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Account;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>
/// Public pages (the catalog, product pages) reuse a session this instance read a moment ago
/// (<c>Auth:PublicPageSessionReuse</c>); everything else reads it strongly.
/// </summary>
public sealed partial class SessionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_session_ended_elsewhere_still_sees_the_catalog_signed_in_within_the_window_and_signed_out_after_it()
    {
        var (session, email, shopperId) = await SignInAsync();
        var clock = new ShopClock();
        await using var instance = InstanceWith(clock);
        using var client = ClientOf(instance, session);
        Assert.Contains(email, Header(await client.GetStringAsync("/")));

        await EndElsewhereAsync(shopperId);
        var withinWindow = await client.GetStringAsync("/?sort=price");
        var productWithinWindow = await client.GetStringAsync("/products/enamel-camp-mug");
        clock.Now += Window;
        var afterWindow = await client.GetStringAsync("/?sort=price");

        Assert.Contains(email, Header(withinWindow));
        Assert.Contains(email, Header(productWithinWindow));
        Assert.Contains("Sign in", Header(afterWindow));
        Assert.DoesNotContain(email, afterWindow);
    }

    [Fact]
    public async Task A_session_ended_elsewhere_can_neither_open_its_orders_nor_add_to_its_cart_within_the_window()
    {
        var (session, email, shopperId) = await SignInAsync();
        await using var instance = InstanceWith(new ShopClock());
        using var client = ClientOf(instance, session);
        var added = await AddToCartAsync(client, await client.GetStringAsync("/"));

        await EndElsewhereAsync(shopperId);
        var catalog = await client.GetStringAsync("/");
        var addedAfter = await AddToCartAsync(client, catalog);
        var orders = await client.GetAsync("/orders");
        var catalogAfterOrders = await client.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains(email, Header(catalog));
        // The page's token was made for the signed-in shopper, and the post, read strongly, comes from nobody.
        Assert.Equal(HttpStatusCode.BadRequest, addedAfter.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, orders.StatusCode);
        Assert.StartsWith($"{shop.SignIn.ProviderUrl}/", orders.Headers.Location!.AbsoluteUri);
        // The strong read found no session, so this instance's copy went with it.
        Assert.Contains("Sign in", Header(catalogAfterOrders));
    }

    [Fact]
    public async Task Signing_out_ends_the_public_pages_on_the_same_instance_at_once()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var email = HostedUi.NewEmail();
        await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync($"{shop.Origins[0]}/account"), shop.Mailbox, email);
        var session = SessionCookie(browser);
        var catalog = await browser.OpenAsync($"{shop.Origins[0]}/");

        await browser.SubmitAsync(catalog, new Dictionary<string, string>(), action: "/account/signout");
        using var copy = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{shop.Origins[0]}/");
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
        var afterSignOut = await (await copy.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains(email, Header(catalog.Html));
        Assert.Contains("Sign in", Header(afterSignOut));
        Assert.DoesNotContain(email, afterSignOut);
    }

    [Fact]
    public async Task Signing_a_shopper_out_everywhere_ends_the_public_pages_on_the_same_instance_at_once()
    {
        var (session, email, shopperId) = await SignInAsync();
        await using var instance = InstanceWith(new ShopClock());
        using var client = ClientOf(instance, session);
        var before = await client.GetStringAsync("/");

        // What the operator's "Sign this shopper out everywhere" does, on this instance.
        await instance.Services.GetRequiredService<ShopperSessions>().EndAllAsync(shopperId, CancellationToken.None);
        var after = await client.GetStringAsync("/");

        Assert.Contains(email, Header(before));
        Assert.Contains("Sign in", Header(after));
    }

    /// <summary>A new shopper signed in through the hosted UI on the Kestrel Storefront: their session cookie, email and id.</summary>
    private async Task<(Cookie Session, string Email, string ShopperId)> SignInAsync()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var email = HostedUi.NewEmail();
        var account = await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync($"{shop.Origins[0]}/account"), shop.Mailbox, email);
        return (SessionCookie(browser), email, WebUtility.HtmlDecode(AccountId().Match(account.Html).Groups[1].Value));
    }

    /// <summary>Another instance of the shop, on <paramref name="clock"/>, reusing sessions on public pages for <see cref="Window"/>.</summary>
    private WebApplicationFactory<Program> InstanceWith(ShopClock clock) =>
        shop.CreateStorefront(new Dictionary<string, string?> { ["Auth__PublicPageSessionReuse"] = Window.ToString() })
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));

    /// <summary>A browser on <paramref name="instance"/> holding <paramref name="session"/>, keeping the cookies it is given.</summary>
    private HttpClient ClientOf(WebApplicationFactory<Program> instance, Cookie session)
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri(shop.Origins[0]), new Cookie(session.Name, session.Value));
        return instance.CreateDefaultClient(new Uri(shop.Origins[0]), new CookieContainerHandler(cookies));
    }

    /// <summary>Ends the shopper's session on another instance (the fixture's Storefront), deleting it from the table.</summary>
    private async Task EndElsewhereAsync(string shopperId) =>
        Assert.Equal(1, await shop.Storefront.Services.GetRequiredService<ShopperSessions>().EndAllAsync(shopperId, CancellationToken.None));

    private static async Task<HttpResponseMessage> AddToCartAsync(HttpClient client, string page) =>
        await client.PostAsync("/cart/lines", new FormUrlEncodedContent(
            [new("productId", "enamel-camp-mug"), new("quantity", "1"), new("__RequestVerificationToken", OperationsPageTests.AntiforgeryToken(page))]));

    /// <summary>The header's account corner: the shopper's email, or "Sign in".</summary>
    private static string Header(string html)
    {
        var menu = html[html.IndexOf("class=\"account-menu\"", StringComparison.Ordinal)..];
        return menu[..menu.IndexOf("</div>", StringComparison.Ordinal)];
    }
}

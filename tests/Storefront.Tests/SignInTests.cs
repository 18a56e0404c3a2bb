using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>Signing in and out through the hosted UI, as a shopper's browser does it, over real HTTP.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SignInTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Anonymous_shoppers_see_sign_in_and_create_account_in_the_header()
    {
        using var client = shop.Storefront.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.Contains("href=\"/account/signin?returnUrl=%2F\"", html);
        Assert.Contains("href=\"/account/signup?returnUrl=%2F\"", html);
        Assert.DoesNotContain("Sign out", html);
    }

    [Fact]
    public async Task Sign_up_confirm_sign_in_see_the_account_then_sign_out_and_be_asked_for_the_password_again()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var email = HostedUi.NewEmail();

        var login = await browser.OpenAsync($"{shop.Origins[0]}/account");
        var account = await browser.SignUpConfirmAndSignInAsync(login, shop.Mailbox, email);
        var session = browser.Cookies.GetCookies(new Uri(shop.Origins[0])).Single(c => c.Name == "shop-session");
        var home = await browser.SubmitAsync(account, new Dictionary<string, string>(), action: "/account/signout");
        var afterSignOut = await browser.OpenAsync($"{shop.Origins[0]}/account");

        Assert.StartsWith($"{shop.SignIn.ProviderUrl}/login?", login.Url.AbsoluteUri);
        Assert.Equal($"{shop.Origins[0]}/account", account.Url.AbsoluteUri);
        Assert.Contains("Your account", account.Text);
        Assert.Contains(email, account.Text);
        Assert.NotNull((await Html.ParseAsync(account.Html)).QuerySelector("main a[href='/orders']"));
        Assert.Contains("Sign out", account.Text);
        Assert.True(session.HttpOnly);
        Assert.True(session.ToString().Length < 2000, $"The session cookie is {session.ToString().Length} bytes.");
        Assert.Equal($"{shop.Origins[0]}/", home.Url.AbsoluteUri);
        Assert.Contains(home.Redirects, r => r.AbsolutePath == "/logout" && r.Authority == new Uri(shop.SignIn.ProviderUrl).Authority);
        Assert.Contains("Sign in", home.Text);
        Assert.Equal($"{shop.SignIn.ProviderUrl}/login", afterSignOut.Url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_lax()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var callback = await SignInUpToTheCallbackAsync(browser, "/account");

        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, callback));
        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("shop-session=", StringComparison.Ordinal));

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_account_opens_the_hosted_UI_sign_up_page()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();

        var page = await browser.OpenAsync($"{shop.Origins[0]}/account/signup");

        Assert.Equal($"{shop.SignIn.ProviderUrl}/signup", page.Url.GetLeftPart(UriPartial.Path));
        Assert.Contains("Sign up with a new account", page.Text);
    }

    [Theory]
    [InlineData("https://attacker.example/")]
    [InlineData("//attacker.example/")]
    [InlineData("/\\attacker.example/")]
    public async Task A_return_url_off_the_shop_lands_on_the_home_page_instead(string returnUrl)
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();

        var callback = await SignInUpToTheCallbackAsync(browser, $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, callback));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_callback_with_a_tampered_state_is_refused_without_a_session()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var callback = await SignInUpToTheCallbackAsync(browser, "/account");
        var query = QueryHelpers.ParseQuery(callback.Query);
        var tampered = QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), new Dictionary<string, string?>
        {
            ["code"] = query["code"],
            ["state"] = query["state"].ToString()[..^4] + "AAAA",
        });

        var page = await browser.OpenAsync(tampered);
        var account = await browser.OpenAsync($"{shop.Origins[0]}/account", stopBefore: url => url.Authority != callback.Authority);

        Assert.Contains("Sign-in didn't complete", page.Text);
        Assert.DoesNotContain(browser.Cookies.GetCookies(callback), c => c.Name == "shop-session");
        Assert.Equal("/oauth2/authorize", account.Url.AbsolutePath);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var callback = await SignInUpToTheCallbackAsync(browser, "/account");

        var first = await browser.OpenAsync(callback.AbsoluteUri);
        var replay = await browser.OpenAsync(callback.AbsoluteUri);

        Assert.Contains("Your account", first.Text);
        Assert.Contains("Sign-in didn't complete", replay.Text);
    }

    /// <summary>Signs a new shopper up through the hosted UI from <paramref name="path"/>, stopping at the callback.</summary>
    private async Task<Uri> SignInUpToTheCallbackAsync(Browser browser, string path)
    {
        var login = await browser.OpenAsync(shop.Origins[0] + path);
        var callback = await browser.SignUpConfirmAndSignInAsync(login, shop.Mailbox, HostedUi.NewEmail(), url => url.AbsolutePath == "/signin-oidc");
        Assert.Equal("/signin-oidc", callback.Url.AbsolutePath);
        return callback.Url;
    }
}

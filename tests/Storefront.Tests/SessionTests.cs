using System.Net;
using System.Text.RegularExpressions;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>Sessions kept server-side: signing out, here or everywhere, ends them for every copy of the cookie.</summary>
[Collection(StorefrontCollection.Name)]
public sealed partial class SessionTests(StorefrontFixture shop)
{
    [Fact]
    public async Task A_copy_of_the_session_cookie_taken_before_sign_out_no_longer_opens_the_orders_page()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        var account = await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync($"{shop.Origins[0]}/account"), shop.Mailbox, HostedUi.NewEmail());
        var copy = SessionCookie(browser);

        var before = await OrdersWithAsync(copy);
        await browser.SubmitAsync(account, new Dictionary<string, string>(), action: "/account/signout");
        var after = await OrdersWithAsync(copy);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith($"{shop.SignIn.ProviderUrl}/", after.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task An_operator_signs_a_shopper_out_everywhere_and_none_of_their_devices_opens_the_orders_page()
    {
        await using var storefront = shop.StartStorefront(0);
        using var phone = new Browser();
        using var laptop = new Browser();
        var email = HostedUi.NewEmail();
        var account = await phone.SignUpConfirmAndSignInAsync(await phone.OpenAsync($"{shop.Origins[0]}/account"), shop.Mailbox, email);
        await laptop.SignInAsync(await laptop.OpenAsync($"{shop.Origins[0]}/account"), email, HostedUi.Password);
        var shopperId = WebUtility.HtmlDecode(AccountId().Match(account.Html).Groups[1].Value);
        await using var operations = shop.CreateStorefront().WithTestSignIn();
        using var operatorClient = operations.SignedInClient("operator-1;admin");
        var form = await operatorClient.GetStringAsync("/operations");

        var refused = await operatorClient.PostAsync("/operations?handler=SignOutShopper", new FormUrlEncodedContent([new("shopperId", shopperId)]));
        var ended = await operatorClient.PostAsync("/operations?handler=SignOutShopper", new FormUrlEncodedContent(
            [new("shopperId", shopperId), new("__RequestVerificationToken", OperationsPageTests.AntiforgeryToken(form))]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Ended 2 sessions of that shopper", await ended.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await OrdersWithAsync(SessionCookie(phone))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await OrdersWithAsync(SessionCookie(laptop))).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_request_while_the_sessions_table_is_unavailable_answers_the_busy_page_with_retry_after_and_htmx_the_message_alone()
    {
        await using var storefront = shop.StartStorefront(0);
        using var browser = new Browser();
        await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync($"{shop.Origins[0]}/account"), shop.Mailbox, HostedUi.NewEmail());
        await using var withoutSessions = shop.CreateStorefront(new Dictionary<string, string?> { ["Tables__Sessions"] = "NoSuchSessionsTable" });
        using var client = withoutSessions.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Cookie", $"shop-session={SessionCookie(browser).Value}");

        var response = await client.SendAsync(request);

        // The error page cannot render either (it signs in again, and the cookie handler keeps its failed read), so
        // the shopper gets the plain busy page.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Please try again in a moment.", await response.Content.ReadAsStringAsync());

        using var htmxRequest = new HttpRequestMessage(HttpMethod.Get, "/orders") { Headers = { { "HX-Request", "true" } } };
        htmxRequest.Headers.Add("Cookie", $"shop-session={SessionCookie(browser).Value}");
        var htmx = await client.SendAsync(htmxRequest);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, htmx.StatusCode);
        Assert.Equal(
            """<span class="problem" role="alert"><strong>We're busy right now.</strong> Nothing was changed. Please try again in a moment.</span>""",
            await htmx.Content.ReadAsStringAsync());
    }

    private Cookie SessionCookie(Browser browser) =>
        browser.Cookies.GetCookies(new Uri(shop.Origins[0])).Single(c => c.Name == "shop-session");

    /// <summary>GET /orders from a client holding nothing but <paramref name="session"/>.</summary>
    private async Task<HttpResponseMessage> OrdersWithAsync(Cookie session)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{shop.Origins[0]}/orders");
        request.Headers.Add("Cookie", $"{session.Name}={session.Value}");
        return await client.SendAsync(request);
    }

    [GeneratedRegex("<code class=\"account-id\">([^<]+)</code>")]
    private static partial Regex AccountId();
}

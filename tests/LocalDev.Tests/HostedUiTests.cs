using System.Net;
using TestSupport;
using TestSupport.Browsing;

namespace LocalDev.Tests;

/// <summary>The hosted-UI pages: sign-up with a mailed code, sign-in, forgot password, and their refusals.</summary>
[Collection(IdentityProviderCollection.Name)]
public sealed class HostedUiTests(IdentityProviderFixture provider)
{
    [Fact]
    public async Task Signing_up_mails_a_six_digit_code_through_the_SES_emulator_and_the_code_confirms_the_account()
    {
        using var browser = new Browser();
        var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);
        var email = HostedUi.NewEmail();

        var login = await browser.OpenAsync(flow.AuthorizeUrl());
        var callback = await browser.SignUpConfirmAndSignInAsync(login, provider.Mailbox, email, flow.IsCallback);

        Assert.Equal("/login", login.Url.AbsolutePath);
        Assert.True(flow.IsCallback(callback.Url), callback.Text);
        Assert.Matches("^[0-9]{6}$", await provider.Mailbox.LatestCodeAsync(email));
    }

    [Theory]
    [InlineData("Sh0rt!", "Password not long enough")]
    [InlineData("nouppercase1!", "Password must have uppercase characters")]
    [InlineData("NOLOWERCASE1!", "Password must have lowercase characters")]
    [InlineData("NoDigits!!", "Password must have numeric characters")]
    [InlineData("NoSymbols123", "Password must have symbol characters")]
    public async Task Sign_up_refuses_a_password_outside_Cognitos_default_policy(string password, string reason)
    {
        using var browser = new Browser();
        var signUp = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl().Replace("/oauth2/authorize", "/signup"));

        var page = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = HostedUi.NewEmail(), ["Password"] = password });

        Assert.Contains("Password does not conform to policy", page.Text);
        Assert.Contains(reason, page.Text);
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_is_refused()
    {
        var (browser, login, email) = await SignedUpUserAsync();
        using var _ = browser;

        var page = await browser.SignInAsync(login, email, "Wr0ng-password!");

        Assert.Equal("/login", page.Url.AbsolutePath);
        Assert.Contains("Incorrect username or password.", page.Text);
    }

    [Fact]
    public async Task Sign_in_as_an_unknown_user_is_refused()
    {
        using var browser = new Browser();
        var login = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl());

        var page = await browser.SignInAsync(login, HostedUi.NewEmail(), HostedUi.Password);

        Assert.Contains("User does not exist.", page.Text);
    }

    [Fact]
    public async Task Sign_in_before_confirming_is_refused_with_a_way_to_confirm()
    {
        using var browser = new Browser();
        var email = HostedUi.NewEmail();
        var login = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl());
        var signUp = await browser.OpenAsync(new Uri(login.Url, "/signup" + login.Url.Query).ToString());
        await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = HostedUi.Password });

        var page = await browser.SignInAsync(login, email, HostedUi.Password);

        Assert.Contains("User is not confirmed.", page.Text);
        Assert.Contains("Confirm your account", page.Text);
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_a_resent_code_replaces_the_old_one()
    {
        using var browser = new Browser();
        var email = HostedUi.NewEmail();
        var signUp = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl().Replace("/oauth2/authorize", "/signup"));
        var confirm = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = HostedUi.Password });
        var first = await provider.Mailbox.LatestCodeAsync(email);

        var wrong = await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Code"] = first == "000000" ? "111111" : "000000" });
        var resent = await browser.SubmitAsync(wrong, new Dictionary<string, string>(), action: "handler=resend");
        var second = await provider.Mailbox.LatestCodeAsync(email);
        var withOldCode = first == second ? resent : await browser.SubmitAsync(resent, new Dictionary<string, string> { ["Code"] = first });
        var confirmed = await browser.SubmitAsync(withOldCode, new Dictionary<string, string> { ["Code"] = second });

        Assert.Contains("Invalid verification code provided, please try again.", wrong.Text);
        Assert.Contains("We have sent a new code", resent.Text);
        Assert.Equal(2, await provider.Mailbox.CountAsync(email));
        Assert.True(first == second || withOldCode.Text.Contains("Invalid verification code provided"), withOldCode.Text);
        Assert.Contains("Your account is confirmed.", confirmed.Text);
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_asks_for_a_new_one()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("identity-provider-").FullName;
        await using var quickCodes = await provider.StartProviderAsync(dataDirectory,
            new Dictionary<string, string> { ["Provider__ConfirmationCodeLifetime"] = "00:00:01" });
        using var browser = new Browser();
        var email = HostedUi.NewEmail();
        var signUp = await browser.OpenAsync(new CodeFlow(quickCodes.SignIn, provider.RedirectUri).AuthorizeUrl().Replace("/oauth2/authorize", "/signup"));
        var confirm = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = HostedUi.Password });
        var code = await provider.Mailbox.LatestCodeAsync(email);

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var page = await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Code"] = code });

        Assert.Contains("Invalid code provided, please request a code again.", page.Text);
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Forgot_password_mails_a_code_that_sets_a_new_password()
    {
        var (browser, login, email) = await SignedUpUserAsync();
        using var _ = browser;
        var forgot = await browser.OpenAsync(new Uri(login.Url, "/forgotPassword" + login.Url.Query).ToString());

        var reset = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Email"] = email });
        var code = await provider.Mailbox.LatestCodeAsync(email);
        var backToLogin = await browser.SubmitAsync(reset, new Dictionary<string, string> { ["Code"] = code, ["Password"] = "N3w-password!" });
        var oldPassword = await browser.SignInAsync(backToLogin, email, HostedUi.Password);
        var newPassword = await browser.SignInAsync(backToLogin, email, "N3w-password!", stopBefore: u => u.AbsolutePath == "/signin-oidc");

        Assert.Contains("Your password has been changed.", backToLogin.Text);
        Assert.Contains("Incorrect username or password.", oldPassword.Text);
        Assert.Equal(HttpStatusCode.Redirect, newPassword.Status);
    }

    /// <summary>A confirmed user, and a fresh browser on the sign-in page of an app's authorize request.</summary>
    private async Task<(Browser Browser, Page Login, string Email)> SignedUpUserAsync()
    {
        var email = HostedUi.NewEmail();
        using (var signingUp = new Browser())
        {
            var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);
            await signingUp.SignUpConfirmAndSignInAsync(await signingUp.OpenAsync(flow.AuthorizeUrl()), provider.Mailbox, email, flow.IsCallback);
        }
        var browser = new Browser();
        return (browser, await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl()), email);
    }
}

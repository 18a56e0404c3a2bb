namespace TestSupport.Browsing;

/// <summary>What a shopper does on the hosted-UI pages (the local provider's, shaped like Cognito's).</summary>
public static class HostedUi
{
    public const string Password = "Corr3ct-Horse!";

    public static string NewEmail() => $"shopper-{Guid.NewGuid():N}@example.com";

    /// <summary>From the hosted UI's sign-in page: sign up, confirm with the code from the mailbox, sign in.</summary>
    public static async Task<Page> SignUpConfirmAndSignInAsync(
        this Browser browser, Page loginPage, Mailbox mailbox, string email, Func<Uri, bool>? stopBefore = null)
    {
        var signUp = await browser.OpenAsync(new Uri(loginPage.Url, "/signup" + loginPage.Url.Query).ToString());
        var confirm = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = Password });
        Assert.True(confirm.Url.AbsolutePath == "/confirm", $"Sign-up did not lead to the confirm page:\n{confirm.Text}");
        var code = await mailbox.LatestCodeAsync(email);
        var login = await browser.SubmitAsync(confirm, new Dictionary<string, string> { ["Code"] = code });
        return await browser.SignInAsync(login, email, Password, stopBefore);
    }

    public static Task<Page> SignInAsync(this Browser browser, Page loginPage, string email, string password, Func<Uri, bool>? stopBefore = null) =>
        browser.SubmitAsync(loginPage, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, stopBefore: stopBefore);
}

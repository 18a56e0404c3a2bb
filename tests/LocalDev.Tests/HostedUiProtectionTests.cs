using System.Net;
using TestSupport.Browsing;

namespace LocalDev.Tests;

/// <summary>The hosted UI's defences: its security headers, a limit on form posts per client, and what it refuses.</summary>
[Collection(IdentityProviderCollection.Name)]
public sealed class HostedUiProtectionTests(IdentityProviderFixture provider)
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/signup")]
    [InlineData("/forgotPassword")]
    [InlineData("/logout?client_id=nope")]
    public async Task Hosted_UI_pages_carry_a_policy_with_no_inline_style_and_forms_only_to_itself_and_the_app(string path)
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(provider.SignIn.ProviderUrl + path);
        var html = await response.Content.ReadAsStringAsync();

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains($"form-action 'self' {provider.AppOrigin}", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task The_pages_stylesheet_is_served_as_a_file()
    {
        using var http = new HttpClient();

        var response = await http.GetAsync(provider.SignIn.ProviderUrl + "/hosted-ui.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".dev-banner", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Form_posts_beyond_the_limit_per_client_get_429_with_Retry_After_and_Cognitos_message()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("identity-provider-").FullName;
        await using var limited = await provider.StartProviderAsync(dataDirectory, new Dictionary<string, string>
        {
            ["Provider__FormPostsPerWindow"] = "3",
            ["Provider__FormPostWindow"] = "00:01:00",
        });
        using var browser = new Browser();
        var login = await browser.OpenAsync(new CodeFlow(limited.SignIn, provider.RedirectUri).AuthorizeUrl());

        var tries = new List<Page>();
        for (var i = 0; i < 3; i++)
        {
            tries.Add(await browser.SignInAsync(login, HostedUi.NewEmail(), "Wr0ng-password!"));
        }
        var signUp = await browser.OpenAsync(new Uri(login.Url, "/signup" + login.Url.Query).ToString());
        var refused = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = HostedUi.NewEmail(), ["Password"] = HostedUi.Password });
        using var raw = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, login.Url) { Content = new FormUrlEncodedContent([]) });

        Assert.All(tries, page => Assert.Equal(HttpStatusCode.OK, page.Status));
        Assert.Equal(HttpStatusCode.OK, signUp.Status);
        Assert.Equal((HttpStatusCode)429, refused.Status);
        Assert.Contains("Attempt limit exceeded, please try after some time.", refused.Text);
        Assert.InRange(raw.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Directory.Delete(dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("victim@example.com\r\nBcc: bystander@example.com")]
    [InlineData("victim@example.com\nSubject: free money")]
    [InlineData("victim@example.com%0d%0aBcc: bystander@example.com")]
    public async Task An_email_with_CR_or_LF_is_refused_at_sign_up_and_forgot_password_and_nothing_is_mailed(string email)
    {
        using var browser = new Browser();
        var login = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl());
        var signUp = await browser.OpenAsync(new Uri(login.Url, "/signup" + login.Url.Query).ToString());
        var forgot = await browser.OpenAsync(new Uri(login.Url, "/forgotPassword" + login.Url.Query).ToString());

        var signedUp = await browser.SubmitAsync(signUp, new Dictionary<string, string> { ["Email"] = email, ["Password"] = HostedUi.Password });
        var reset = await browser.SubmitAsync(forgot, new Dictionary<string, string> { ["Email"] = email });

        Assert.Equal("/signup", signedUp.Url.AbsolutePath);
        Assert.Contains("role=\"alert\"", signedUp.Html);
        Assert.Equal("/forgotPassword", reset.Url.AbsolutePath);
        Assert.Contains("role=\"alert\"", reset.Html);
        Assert.Equal(0, await provider.Mailbox.CountAsync("bystander@example.com"));
        Assert.Equal(0, await provider.Mailbox.CountAsync("victim@example.com"));
    }

    [Fact]
    public async Task Markup_typed_as_an_email_comes_back_encoded()
    {
        using var browser = new Browser();
        var login = await browser.OpenAsync(new CodeFlow(provider.SignIn, provider.RedirectUri).AuthorizeUrl());

        var page = await browser.SignInAsync(login, "\"><script>alert(1)</script>", "x");

        Assert.DoesNotContain("<script>alert", page.Html);
        Assert.Contains("User does not exist.", page.Text);
    }
}

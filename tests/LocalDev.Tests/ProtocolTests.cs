using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LocalDev.LocalAws;
using TestSupport;
using TestSupport.Browsing;

namespace LocalDev.Tests;

/// <summary>The provider as an app sees it: Cognito's discovery, tokens, userInfo and logout, and what it refuses.</summary>
[Collection(IdentityProviderCollection.Name)]
public sealed class ProtocolTests(IdentityProviderFixture provider)
{
    private static readonly HttpClient Http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Discovery_names_the_Cognito_shaped_issuer_and_endpoints_and_nothing_Cognito_lacks()
    {
        var issuer = provider.SignIn.Issuer;

        var discovery = await Http.GetFromJsonAsync<JsonElement>($"{issuer}/.well-known/openid-configuration");

        Assert.Equal($"{provider.SignIn.ProviderUrl}/{LocalSignIn.UserPoolId}", issuer);
        Assert.Equal(issuer, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{issuer}/.well-known/jwks.json", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal($"{provider.SignIn.ProviderUrl}/oauth2/authorize", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{provider.SignIn.ProviderUrl}/oauth2/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{provider.SignIn.ProviderUrl}/oauth2/userInfo", discovery.GetProperty("userinfo_endpoint").GetString());
        Assert.False(discovery.TryGetProperty("pushed_authorization_request_endpoint", out _));
        Assert.False(discovery.TryGetProperty("end_session_endpoint", out _));
    }

    [Fact]
    public async Task Tokens_carry_Cognitos_claims_and_userInfo_answers_with_the_email()
    {
        var (flow, callback, email) = await SignUpAndAuthorizeAsync();

        var tokens = await CodeFlow.TokensAsync(await flow.RedeemAsync(CodeFlow.CodeFrom(callback)));
        var id = CodeFlow.Claims(tokens.GetProperty("id_token").GetString()!);
        var access = CodeFlow.Claims(tokens.GetProperty("access_token").GetString()!);
        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, $"{provider.SignIn.ProviderUrl}/oauth2/userInfo");
        userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        var userInfo = await (await Http.SendAsync(userInfoRequest)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(provider.SignIn.Issuer, id.GetProperty("iss").GetString());
        Assert.Equal(LocalSignIn.ClientId, id.GetProperty("aud").GetString());
        Assert.Equal("id", id.GetProperty("token_use").GetString());
        Assert.Equal(email, id.GetProperty("email").GetString());
        Assert.True(id.GetProperty("email_verified").GetBoolean());
        Assert.Equal(id.GetProperty("sub").GetString(), id.GetProperty("cognito:username").GetString());
        Assert.False(id.TryGetProperty("cognito:groups", out _));
        Assert.Equal("access", access.GetProperty("token_use").GetString());
        Assert.False(access.TryGetProperty("email", out _));
        Assert.Equal(email, userInfo.GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_authorization_code_is_redeemed_only_once()
    {
        var (flow, callback, _) = await SignUpAndAuthorizeAsync();
        var code = CodeFlow.CodeFrom(callback);

        var first = await flow.RedeemAsync(code);
        var second = await flow.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_exchange_with_the_wrong_client_secret_is_refused()
    {
        var (flow, callback, _) = await SignUpAndAuthorizeAsync();

        var response = await flow.RedeemAsync(CodeFlow.CodeFrom(callback), clientSecret: "not-the-secret");

        Assert.Equal("invalid_client", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("https://attacker.example/signin-oidc", null)]
    [InlineData(null, "someone-elses-client")]
    public async Task An_authorize_request_with_an_unregistered_redirect_uri_or_client_is_refused_on_the_providers_own_page(
        string? redirectUri, string? clientId)
    {
        var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);

        using var response = await Http.GetAsync(flow.AuthorizeUrl(redirectUri, clientId));

        Assert.InRange((int)response.StatusCode, 400, 401); // invalid_request, or invalid_client
        Assert.Null(response.Headers.Location);
    }

    [Theory]
    [InlineData("https://attacker.example/", LocalSignIn.ClientId)]
    [InlineData(null, "someone-elses-client")]
    public async Task Logout_with_an_unregistered_logout_uri_or_client_is_refused(string? logoutUri, string clientId)
    {
        var url = $"{provider.SignIn.ProviderUrl}/logout?client_id={clientId}&logout_uri={Uri.EscapeDataString(logoutUri ?? provider.AppOrigin + "/")}";

        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Logout_ends_the_hosted_UI_session_so_the_next_authorize_asks_for_the_password_again()
    {
        using var browser = new Browser();
        var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);
        await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync(flow.AuthorizeUrl()), provider.Mailbox, HostedUi.NewEmail(), flow.IsCallback);

        var whileSignedIn = await browser.OpenAsync(flow.AuthorizeUrl(), flow.IsCallback);
        var loggedOut = await browser.OpenAsync($"{provider.SignIn.ProviderUrl}/logout?client_id={LocalSignIn.ClientId}&logout_uri={Uri.EscapeDataString(provider.AppOrigin + "/")}",
            stopBefore: url => url.AbsoluteUri.StartsWith(provider.AppOrigin, StringComparison.Ordinal));
        var afterLogout = await browser.OpenAsync(flow.AuthorizeUrl(), flow.IsCallback);

        Assert.True(flow.IsCallback(whileSignedIn.Url));
        Assert.Equal(provider.AppOrigin + "/", loggedOut.Url.AbsoluteUri);
        Assert.Equal("/login", afterLogout.Url.AbsolutePath);
    }

    [Fact]
    public async Task Make_admin_puts_the_user_in_the_admin_group_which_the_next_id_token_carries()
    {
        var (_, _, email) = await SignUpAndAuthorizeAsync();

        using var command = Process.Start(new ProcessStartInfo("dotnet", [RepoPaths.IdentityProviderAssembly, "make-admin", email])
        {
            Environment = { ["Provider__DataDirectory"] = provider.DataDirectory },
            RedirectStandardOutput = true,
        })!;
        await command.WaitForExitAsync();
        var (flow, callback) = await AuthorizeAsync(email);
        var id = CodeFlow.Claims((await CodeFlow.TokensAsync(await flow.RedeemAsync(CodeFlow.CodeFrom(callback)))).GetProperty("id_token").GetString()!);

        Assert.Equal(0, command.ExitCode);
        Assert.Equal(["admin"], id.GetProperty("cognito:groups").EnumerateArray().Select(g => g.GetString()));
    }

    [Fact]
    public async Task Users_and_the_signing_key_survive_a_restart()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("identity-provider-").FullName;
        var email = HostedUi.NewEmail();
        string keysBefore;
        await using (var before = await provider.StartProviderAsync(dataDirectory))
        {
            using var browser = new Browser();
            var flow = new CodeFlow(before.SignIn, provider.RedirectUri);
            await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync(flow.AuthorizeUrl()), provider.Mailbox, email, flow.IsCallback);
            keysBefore = await Http.GetStringAsync($"{before.SignIn.Issuer}/.well-known/jwks.json");
        }

        await using var after = await provider.StartProviderAsync(dataDirectory);
        using var again = new Browser();
        var afterFlow = new CodeFlow(after.SignIn, provider.RedirectUri);
        var callback = await again.SignInAsync(await again.OpenAsync(afterFlow.AuthorizeUrl()), email, HostedUi.Password, afterFlow.IsCallback);

        Assert.True(afterFlow.IsCallback(callback.Url), callback.Text);
        Assert.Equal(keysBefore, await Http.GetStringAsync($"{after.SignIn.Issuer}/.well-known/jwks.json"));
        Directory.Delete(dataDirectory, recursive: true);
    }

    private async Task<(CodeFlow Flow, Uri Callback, string Email)> SignUpAndAuthorizeAsync()
    {
        using var browser = new Browser();
        var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);
        var email = HostedUi.NewEmail();
        var callback = await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync(flow.AuthorizeUrl()), provider.Mailbox, email, flow.IsCallback);
        Assert.True(flow.IsCallback(callback.Url), callback.Text);
        return (flow, callback.Url, email);
    }

    private async Task<(CodeFlow Flow, Uri Callback)> AuthorizeAsync(string email)
    {
        using var browser = new Browser();
        var flow = new CodeFlow(provider.SignIn, provider.RedirectUri);
        var callback = await browser.SignInAsync(await browser.OpenAsync(flow.AuthorizeUrl()), email, HostedUi.Password, flow.IsCallback);
        return (flow, callback.Url);
    }
}

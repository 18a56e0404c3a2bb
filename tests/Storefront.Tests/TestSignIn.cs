using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Storefront.Tests;

/// <summary>
/// Stands in for the real sign-in in tests: a request with <c>X-Test-User: &lt;sub&gt;;&lt;group&gt;,&lt;group&gt;</c>
/// is signed in as that user, with one <c>cognito:groups</c> claim per group (as an ID token's groups arrive).
/// </summary>
public sealed class TestSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } user)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var parts = user.Split(';', 2);
        var claims = new List<Claim> { new("sub", parts[0]), new("email", $"{parts[0]}@example.com") };
        claims.AddRange((parts.ElementAtOrDefault(1) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(group => new Claim("cognito:groups", group)));
        // Named by the email, as the real sign-in names a shopper (ShopperClaims).
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "email", "cognito:groups"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}

public static class TestSignIn
{
    /// <summary>The Storefront with <see cref="TestSignInHandler"/> as its only way to sign in.</summary>
    public static WebApplicationFactory<Program> WithTestSignIn(this WebApplicationFactory<Program> storefront) =>
        storefront.WithWebHostBuilder(web => web.ConfigureTestServices(services => services
            .AddAuthentication(TestSignInHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestSignInHandler>(TestSignInHandler.SchemeName, null)));

    public static HttpClient SignedInClient(this WebApplicationFactory<Program> storefront, string? user)
    {
        var client = storefront.CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(TestSignInHandler.Header, user);
        }
        return client;
    }
}

using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Storefront.Tests;

/// <summary>Behind CloudFront and API Gateway: URLs and cookies are built for the configured public origin.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class PublicOriginTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Sign_in_redirects_come_back_to_the_public_origin_whatever_forwarded_headers_say()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Auth__PublicOrigin"] = "https://shop.example.test" });
        using var client = storefront.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account")
        {
            Headers = { { "X-Forwarded-Host", "attacker.example" }, { "X-Forwarded-Proto", "http" } },
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("redirect_uri=https%3A%2F%2Fshop.example.test%2Fsignin-oidc&", response.Headers.Location!.OriginalString);
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Over_https_the_session_cookie_is_a_secure_host_only_cookie()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Auth__PublicOrigin"] = "https://shop.example.test" });

        var cookie = storefront.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>()
            .Get(CookieAuthenticationDefaults.AuthenticationScheme).Cookie;

        Assert.Equal("__Host-shop-session", cookie.Name);
        Assert.Equal(CookieSecurePolicy.Always, cookie.SecurePolicy);
        Assert.Equal("/", cookie.Path);
    }

    [Fact]
    public void A_missing_sign_in_setting_stops_start_up_with_its_name()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Auth__ClientSecret"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => storefront.CreateClient());

        Assert.Contains("ClientSecret", error.ToString());
    }
}

using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.WebUtilities;

namespace TestSupport.Browsing;

/// <summary>The app's side of the authorization code flow with PKCE, done by hand so each step can be checked.</summary>
public sealed record CodeFlow(LocalSignIn SignIn, string RedirectUri)
{
    public string Verifier { get; } = Base64Url(RandomNumberGenerator.GetBytes(32));
    public string State { get; } = Guid.NewGuid().ToString("N");

    public string AuthorizeUrl(string? redirectUri = null, string? clientId = null) => QueryHelpers.AddQueryString($"{SignIn.ProviderUrl}/oauth2/authorize",
        new Dictionary<string, string?>
        {
            ["client_id"] = clientId ?? LocalSignIn.ClientId,
            ["redirect_uri"] = redirectUri ?? RedirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid email profile",
            ["state"] = State,
            ["code_challenge"] = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = "S256",
        });

    public bool IsCallback(Uri url) => url.GetLeftPart(UriPartial.Path) == RedirectUri;

    public static string CodeFrom(Uri callback) => QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

    /// <summary>Exchanges a code at the token endpoint, authenticating with the client secret in the form.</summary>
    public async Task<HttpResponseMessage> RedeemAsync(string code, string? clientSecret = null)
    {
        using var http = new HttpClient();
        return await http.PostAsync($"{SignIn.ProviderUrl}/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = LocalSignIn.ClientId,
            ["client_secret"] = clientSecret ?? SignIn.ClientSecret,
            ["code_verifier"] = Verifier,
        }));
    }

    public static async Task<JsonElement> TokensAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A JWT's claims (its signature is the Storefront tests' business: they validate it as the app does).</summary>
    public static JsonElement Claims(string jwt) => JsonDocument.Parse(Base64UrlTextEncoder.Decode(jwt.Split('.')[1])).RootElement;

    private static string Base64Url(byte[] bytes) => Base64UrlTextEncoder.Encode(bytes);
}

using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Shopping;

namespace Storefront.Account;

/// <summary>A shopper's email, from the user pool's userInfo endpoint with their own access token; cached briefly.</summary>
public sealed class ShopperEmails(HttpClient http, IOptions<AuthOptions> auth, IMemoryCache cache)
{
    public async Task<string?> FindAsync(string shopperId, string accessToken, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(shopperId, out string? known))
        {
            return known;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{auth.Value.CognitoDomain.TrimEnd('/')}/oauth2/userInfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var email = info.RootElement.TryGetProperty(ShopperClaims.Email, out var value) ? value.GetString() : null;
        var sub = info.RootElement.TryGetProperty(ShopperClaims.Subject, out var subject) ? subject.GetString() : null;
        if (email is null || sub != shopperId)
        {
            return null;
        }
        cache.Set(shopperId, email, TimeSpan.FromMinutes(10));
        return email;
    }
}

using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Account;

namespace Storefront.Orders;

/// <summary>
/// The JSON API's sign-in: a Cognito access token (JWT) validated against the user pool's keys. Access tokens have
/// no audience; Cognito marks them with <c>token_use=access</c> and the app client's <c>client_id</c>, so those are
/// checked instead. They carry no email either: <see cref="ShopperEmails"/> asks the user pool's userInfo endpoint.
/// </summary>
public static class AccessTokens
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string Policy = "OrdersApi";

    public static IHostApplicationBuilder AddAccessTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<AuthOptions>>((jwt, auth) =>
        {
            jwt.Authority = auth.Value.Authority;
            jwt.RequireHttpsMetadata = auth.Value.Authority.StartsWith("https://", StringComparison.Ordinal);
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.ValidateAudience = false;
            jwt.TokenValidationParameters.NameClaimType = "sub";
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var principal = context.Principal!;
                    if (principal.FindFirst("token_use")?.Value != "access" || principal.FindFirst("client_id")?.Value != auth.Value.ClientId)
                    {
                        context.Fail("Not an access token of this shop's app client.");
                    }
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser());
        builder.Services.AddMemoryCache();
        builder.Services.AddHttpClient<ShopperEmails>(http => http.Timeout = TimeSpan.FromSeconds(5));
        return builder;
    }
}

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
        var email = info.RootElement.TryGetProperty("email", out var value) ? value.GetString() : null;
        var sub = info.RootElement.TryGetProperty("sub", out var subject) ? subject.GetString() : null;
        if (email is null || sub != shopperId)
        {
            return null;
        }
        cache.Set(shopperId, email, TimeSpan.FromMinutes(10));
        return email;
    }
}

using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Storefront.Shopping;

namespace Storefront.Account;

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
            jwt.TokenValidationParameters.NameClaimType = ShopperClaims.Subject;
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

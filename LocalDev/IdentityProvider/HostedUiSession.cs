using System.Security.Claims;
using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LocalDev.IdentityProvider;

/// <summary>
/// The hosted UI's own sign-in session (Cognito keeps one too): while it lasts, the next authorize request returns a
/// code without asking for the password; Cognito's <c>/logout</c> ends it. Its cookies are named apart from the
/// Storefront's, because both run on 127.0.0.1 and browsers share cookies across ports.
/// </summary>
public static class HostedUiSession
{
    public const string Scheme = "HostedUi";

    public static IHostApplicationBuilder AddHostedUiSession(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "hosted-ui.session";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.HttpOnly = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(1);
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "hosted-ui.antiforgery");
        return builder;
    }

    public static Task SignInAsync(HttpContext context, LocalUser user) => context.SignInAsync(Scheme, new ClaimsPrincipal(
        new ClaimsIdentity([new Claim(Claims.Subject, user.Sub), new Claim(Claims.Email, user.Email)], Scheme)));
}

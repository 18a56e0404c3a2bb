using System.Security.Claims;
using Microsoft.AspNetCore;
using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// The endpoints OpenIddict passes through to us once it has validated the request, plus Cognito's <c>/logout</c>,
/// which is not OpenID Connect end-session: it takes the app client's <c>client_id</c> and a registered <c>logout_uri</c>.
/// </summary>
public static class ProtocolEndpoints
{
    private const string ServerScheme = OpenIddictServerAspNetCoreDefaults.AuthenticationScheme;

    public static IEndpointRouteBuilder MapProtocolEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/oauth2/authorize", AuthorizeAsync);
        endpoints.MapPost("/oauth2/token", TokenAsync);
        endpoints.MapMethods("/oauth2/userInfo", ["GET", "POST"], UserInfoAsync);
        endpoints.MapGet("/logout", LogoutAsync);
        return endpoints;
    }

    /// <summary>Issues a code for the user signed in to the hosted UI, or sends the browser to sign in first.</summary>
    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserPool pool)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(HostedUiSession.Scheme);
        var user = session.Principal?.FindFirstValue(Claims.Subject) is { } sub ? pool.FindBySub(sub) : null;
        if (user is not { Confirmed: true })
        {
            return Results.Redirect("/login" + context.Request.QueryString);
        }
        return Results.SignIn(CognitoClaims.For(user, request.GetScopes()), authenticationScheme: ServerScheme);
    }

    /// <summary>Exchanges a code (already validated by OpenIddict and by <see cref="ClientChecks"/>) for tokens.</summary>
    private static async Task<IResult> TokenAsync(HttpContext context, UserPool pool)
    {
        var code = await context.AuthenticateAsync(ServerScheme);
        // Tokens carry the user as they are now: groups changed since sign-in show up, a deleted user gets nothing.
        if (code.Principal?.GetClaim(Claims.Subject) is not { } sub || pool.FindBySub(sub) is not { } user)
        {
            return Forbid(Errors.InvalidGrant, "The user no longer exists.");
        }
        return Results.SignIn(CognitoClaims.For(user, code.Principal.GetScopes()), authenticationScheme: ServerScheme);
    }

    /// <summary>Cognito's userInfo answer (note <c>email_verified</c> as a string, as Cognito sends it).</summary>
    private static async Task<IResult> UserInfoAsync(HttpContext context, UserPool pool)
    {
        var token = await context.AuthenticateAsync(ServerScheme);
        if (token.Principal?.GetClaim(Claims.Subject) is not { } sub || pool.FindBySub(sub) is not { } user)
        {
            return Forbid(Errors.InvalidToken, "The user no longer exists.");
        }
        return Results.Json(new Dictionary<string, string>
        {
            [Claims.Subject] = user.Sub,
            [Claims.EmailVerified] = user.Confirmed ? "true" : "false",
            [Claims.Email] = user.Email,
            ["username"] = user.Sub,
        });
    }

    /// <summary>Ends the hosted-UI session and returns to the app, only for the app client and a registered URI.</summary>
    private static async Task<IResult> LogoutAsync(
        HttpContext context, IOptions<ProviderOptions> options, string? client_id, string? logout_uri)
    {
        var provider = options.Value;
        if (client_id != provider.ClientId || logout_uri is null || !provider.LogoutUris.Contains(logout_uri, StringComparer.Ordinal))
        {
            return Results.Content(
                "<!DOCTYPE html><title>Sign-out error</title><h1>An error was encountered with the requested page.</h1>" +
                "<p>Required String parameter 'client_id' or a registered 'logout_uri' is missing or wrong.</p>",
                "text/html", statusCode: StatusCodes.Status400BadRequest);
        }
        await context.SignOutAsync(HostedUiSession.Scheme);
        return Results.Redirect(logout_uri);
    }

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [ServerScheme]);
}

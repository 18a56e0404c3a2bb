using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Storefront.Account;

namespace Storefront.Operations;

/// <summary>
/// Who may operate the shop: members of the Cognito group <c>admin</c>, whose ID token lists it in the
/// <c>cognito:groups</c> claim (one claim per group once signed in).
/// </summary>
public static class AdminOnly
{
    public const string Policy = "Admin";
    public const string GroupsClaim = "cognito:groups";
    public const string AdminGroup = "admin";

    public static void Configure(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser().RequireClaim(GroupsClaim, AdminGroup);
}

/// <summary>
/// Answers 404 to anyone the admin policy refuses, signed in or not, so the operations page looks like any unknown
/// address rather than announcing that it exists. Every other policy keeps the sign-in feature's behaviour
/// (<see cref="HtmxSignIn"/>: the default challenge/forbid, and for htmx a 401 that navigates to sign-in).
/// </summary>
public sealed class HideFromNonAdmins(HtmxSignIn signIn) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Succeeded && policy.Requirements.OfType<ClaimsAuthorizationRequirement>()
                .Any(r => r.ClaimType == AdminOnly.GroupsClaim && r.AllowedValues?.Contains(AdminOnly.AdminGroup) == true))
        {
            // No body, so the status code pages show the shop's own "Page not found".
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        return signIn.HandleAsync(next, context, policy, authorizeResult);
    }
}

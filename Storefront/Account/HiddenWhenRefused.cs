using Microsoft.AspNetCore.Authorization;

namespace Storefront.Account;

/// <summary>
/// Marks a policy whose refusals answer "Page not found" (<see cref="RefusedRequests"/>). As a requirement it asks
/// nothing: it always succeeds, and the policy's other requirements decide.
/// </summary>
public sealed class HiddenWhenRefused : AuthorizationHandler<HiddenWhenRefused>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HiddenWhenRefused requirement)
    {
        context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

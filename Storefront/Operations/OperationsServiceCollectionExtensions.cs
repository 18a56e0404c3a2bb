using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Shared.Orders;

namespace Storefront.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The operations page and the admin policy that guards it.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        // Authentication schemes are the sign-in feature's to configure; the policy only needs the signed-in user.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization(options => options.AddPolicy(AdminOnly.Policy, AdminOnly.Configure));
        // Wraps the sign-in feature's handler, so it must come after AddAccount (the last registration is the one used).
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, HideFromNonAdmins>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<OrderStore>();
        builder.Services.TryAddSingleton<OrderStatistics>();
        builder.Services.AddSingleton<OrderQueueOperations>();
        return builder;
    }
}

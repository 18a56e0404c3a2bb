namespace Storefront.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>The operations page, the queue operations it offers, and the admin policy that guards it.</summary>
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorization(options => options.AddPolicy(AdminOnly.Policy, AdminOnly.Configure));
        builder.Services.AddSingleton<OrderQueueOperations>();
        builder.Services.AddOptions<Products.ProductListOptions>().BindConfiguration(Products.ProductListOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}

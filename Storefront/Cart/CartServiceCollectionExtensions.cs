using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Storefront.Cart;

public static class CartServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCart(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CartStore>();
        builder.Services.AddScoped<CurrentCart>();
        return builder;
    }
}

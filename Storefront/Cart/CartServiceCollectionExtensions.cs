using Shop.Shared.Aws;
using Storefront.Shopping;

namespace Storefront.Cart;

public static class CartServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCart(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CartOptions>().BindConfiguration(CartOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TableOptions>().Validate(t => t.Carts.Length > 0, "Tables:Carts is required").ValidateOnStart();
        builder.Services.AddSingleton<CartStore>();
        builder.Services.AddScoped<CurrentCart>();
        builder.Services.AddScoped<ICartItemCount>(services => services.GetRequiredService<CurrentCart>());
        return builder;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Shared.Orders;

namespace Storefront.Checkout;

public static class CheckoutServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StockReservation>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderQueue>();
        builder.Services.AddSingleton<Checkout>();
        return builder;
    }
}

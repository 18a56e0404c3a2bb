using Microsoft.Extensions.DependencyInjection.Extensions;
using Shop.Shared.Orders;
using Storefront.Operations;

namespace Storefront.Checkout;

public static class CheckoutServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<StockReservation>();
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderQueue>();
        builder.Services.TryAddSingleton<OrderStatistics>();
        builder.Services.AddSingleton<Checkout>();
        return builder;
    }
}

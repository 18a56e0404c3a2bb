using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.Shared.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>The orders table and the orders queue, which both functions use: registered once, by each function.</summary>
    public static IHostApplicationBuilder AddShopOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderStore>();
        builder.Services.AddSingleton<OrderQueue>();
        return builder;
    }
}

namespace Storefront.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>The shopper's order pages and API; the orders table itself is <c>AddShopOrders()</c>.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderCancellation>();
        builder.Services.AddSingleton<EmailDueNotice>();
        builder.Services.AddSingleton<PageCursor>();
        builder.Services.AddSingleton<ShopperOrderList>();
        return builder;
    }
}

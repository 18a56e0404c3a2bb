namespace Storefront.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>My orders pages need only the shop's session; the JSON API takes access tokens.</summary>
    public static IHostApplicationBuilder AddOrders(this IHostApplicationBuilder builder) => builder.AddAccessTokens();
}

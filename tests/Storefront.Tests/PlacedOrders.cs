using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Checkout;
using Storefront.Orders;
using Storefront.Shopping;

namespace Storefront.Tests;

/// <summary>Orders placed through the shop's own checkout, to arrange what happens to an order afterwards.</summary>
public static class PlacedOrders
{
    public static async Task<Order> PlaceAsync(WebApplicationFactory<Program> storefront, string shopperId, string product, int quantity = 1)
    {
        var result = await storefront.Services.GetRequiredService<OrderPlacement>().PlaceOrderAsync(new Shopper(shopperId, $"{shopperId}@example.com"),
            [new(product, quantity)], ShippingAddresses.Sample, Guid.NewGuid().ToString(), $"corr-{Guid.NewGuid():N}", CancellationToken.None);
        return Assert.IsType<CheckoutResult.Accepted>(result).Order;
    }

    /// <summary>The shopper's orders as their orders page lists them: the first page, newest first.</summary>
    public static async Task<IReadOnlyList<Order>> ListedAsync(WebApplicationFactory<Program> storefront, string shopperId)
    {
        var result = await storefront.Services.GetRequiredService<ShopperOrderList>().PageAsync(shopperId, status: null, cursor: null, CancellationToken.None);
        return Assert.IsType<OrderListResult.Page>(result).Orders;
    }
}

using LocalDev.LocalAws;
using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;
using Storefront.Checkout;

using Storefront.Shopping;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class CheckoutTests(StorefrontFixture shop)
{
    private OrderPlacement Checkout => shop.Shopping.Services.GetRequiredService<OrderPlacement>();

    [Fact]
    public async Task An_order_is_accepted_as_pending_priced_from_the_catalog_and_takes_its_stock()
    {
        var product = await shop.CreateProductAsync(price: 24.90m, stock: 7);
        var shopper = NewShopper();

        var result = await Checkout.PlaceOrderAsync(shopper, [new(product, 3)], ShippingAddresses.Sample, NewKey(), "corr-1", CancellationToken.None);

        var accepted = Assert.IsType<CheckoutResult.Accepted>(result);
        Assert.False(accepted.Replayed);
        var stored = await Orders.FindAsync(shopper.Id, accepted.Order.OrderId, CancellationToken.None);
        Assert.Equal(OrderStatus.Pending, stored!.Status);
        Assert.Equal(74.70m, stored.Total);
        Assert.Equal(24.90m, Assert.Single(stored.Lines).UnitPrice);
        Assert.Equal("corr-1", stored.CorrelationId);
        Assert.Equal(4, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Submitting_the_same_checkout_twice_places_one_order()
    {
        var product = await shop.CreateProductAsync(price: 10m, stock: 10);
        var shopper = NewShopper();
        var key = NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Checkout.PlaceOrderAsync(shopper, [new(product, 2)], ShippingAddresses.Sample, key, "corr", CancellationToken.None)));
        var again = await Checkout.PlaceOrderAsync(shopper, [new(product, 2)], ShippingAddresses.Sample, key, "corr", CancellationToken.None);

        var orderIds = results.Append(again).Select(r => Assert.IsType<CheckoutResult.Accepted>(r).Order.OrderId).Distinct();
        Assert.Single(orderIds);
        Assert.Single(await PlacedOrders.ListedAsync(shop.Shopping, shopper.Id));
        Assert.Equal(8, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Resubmitting_an_order_that_took_the_last_units_gets_that_order_not_sold_out()
    {
        var product = await shop.CreateProductAsync(price: 4m, stock: 2);
        var shopper = NewShopper();
        var key = NewKey();

        var first = Assert.IsType<CheckoutResult.Accepted>(await Checkout.PlaceOrderAsync(shopper, [new(product, 2)], ShippingAddresses.Sample, key, "corr", CancellationToken.None));
        var again = await Checkout.PlaceOrderAsync(shopper, [new(product, 2)], ShippingAddresses.Sample, key, "corr", CancellationToken.None);
        var someoneElse = await Checkout.PlaceOrderAsync(NewShopper(), [new(product, 2)], ShippingAddresses.Sample, key, "corr", CancellationToken.None);

        var replay = Assert.IsType<CheckoutResult.Accepted>(again);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Order.OrderId, replay.Order.OrderId);
        Assert.IsType<CheckoutResult.OutOfStock>(someoneElse);
        Assert.Equal(0, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task Fifty_shoppers_competing_for_five_units_get_exactly_five_orders()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 5);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            Checkout.PlaceOrderAsync(NewShopper(), [new(product, 1)], ShippingAddresses.Sample, NewKey(), "corr", CancellationToken.None)));

        Assert.Equal(5, results.Count(r => r is CheckoutResult.Accepted));
        Assert.All(results.Where(r => r is not CheckoutResult.Accepted), r => Assert.IsType<CheckoutResult.OutOfStock>(r));
        Assert.Equal(0, await shop.StockOfAsync(product));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(-1)]
    [InlineData(1_000_000_000)]
    public async Task A_quantity_outside_one_to_ten_is_refused_and_nothing_is_written(int quantity)
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 50);
        var shopper = NewShopper();

        var result = await Checkout.PlaceOrderAsync(shopper, [new(product, quantity)], ShippingAddresses.Sample, NewKey(), "corr", CancellationToken.None);

        Assert.Contains("between 1 and 10", Assert.IsType<CheckoutResult.Invalid>(result).Errors.Single());
        Assert.Empty(await PlacedOrders.ListedAsync(shop.Shopping, shopper.Id));
        Assert.Equal(50, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task An_unknown_product_is_refused()
    {
        var result = await Checkout.PlaceOrderAsync(NewShopper(), [new("no-such-product", 1)], ShippingAddresses.Sample, NewKey(), "corr", CancellationToken.None);

        Assert.Contains("no-such-product", Assert.IsType<CheckoutResult.Invalid>(result).Errors.Single());
    }

    [Fact]
    public async Task Ordering_more_than_is_left_names_the_product_and_takes_nothing()
    {
        var plenty = await shop.CreateProductAsync(price: 3m, stock: 9);
        var scarce = await shop.CreateProductAsync(price: 4m, stock: 1, name: "Scarce Teapot");

        var result = await Checkout.PlaceOrderAsync(NewShopper(), [new(plenty, 2), new(scarce, 2)], ShippingAddresses.Sample, NewKey(), "corr", CancellationToken.None);

        var outOfStock = Assert.IsType<CheckoutResult.OutOfStock>(result);
        Assert.Equal("Scarce Teapot", outOfStock.ProductName);
        Assert.Equal(9, await shop.StockOfAsync(plenty));
        Assert.Equal(1, await shop.StockOfAsync(scarce));
    }

    [Fact]
    public async Task When_the_queue_is_unreachable_the_order_is_still_accepted_and_left_for_the_sweep()
    {
        await using var storefront = shop.CreateShoppingStorefront(new Dictionary<string, string?> { ["Queues__Orders"] = shop.Names.QueueUrl("NoSuchQueue") });
        var checkout = storefront.Services.GetRequiredService<OrderPlacement>();
        var product = await shop.CreateProductAsync(price: 8m, stock: 3);
        var shopper = NewShopper();

        var result = await checkout.PlaceOrderAsync(shopper, [new(product, 1)], ShippingAddresses.Sample, NewKey(), "corr", CancellationToken.None);

        var order = Assert.IsType<CheckoutResult.Accepted>(result).Order;
        var pending = await Orders.ListPendingPlacedBeforeAsync(DateTimeOffset.UtcNow.AddSeconds(1), 1000, CancellationToken.None);
        Assert.Contains(pending, p => p.Message.OrderId == order.OrderId && p.Message.ShopperId == shopper.Id);
    }

    private OrderStore Orders => shop.Shopping.Services.GetRequiredService<OrderStore>();

    private static Shopper NewShopper()
    {
        var id = Guid.NewGuid().ToString("N");
        return new Shopper(id, $"{id}@example.com");
    }

    private static string NewKey() => Guid.NewGuid().ToString();
}

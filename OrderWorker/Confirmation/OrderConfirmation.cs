using Shop.Shared.Orders;

namespace OrderWorker.Confirmation;

/// <summary>Confirms an accepted order. For now it records receipt; confirming and emailing come with the order flow.</summary>
public sealed class OrderConfirmation(ILogger<OrderConfirmation> logger)
{
    public Task<bool> ConfirmAsync(OrderPlaced order, CancellationToken cancellationToken)
    {
        logger.LogInformation("Order {OrderId} received for confirmation", order.OrderId);
        return Task.FromResult(true);
    }
}

public static class OrderConfirmationServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddOrderConfirmation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderConfirmation>();
        return builder;
    }
}

namespace OrderWorker.Fulfilment;

public static class FulfilmentServiceCollectionExtensions
{
    /// <summary>The emails of an order's later life, and which message goes where (the email sender is confirmation's).</summary>
    public static IHostApplicationBuilder AddOrderFulfilment(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OwedEmailSender>();
        builder.Services.AddSingleton<OrderMessageHandler>();
        return builder;
    }
}

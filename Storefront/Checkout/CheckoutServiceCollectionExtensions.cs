namespace Storefront.Checkout;

public static class CheckoutServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCheckout(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OrderPlacement>();
        return builder;
    }
}

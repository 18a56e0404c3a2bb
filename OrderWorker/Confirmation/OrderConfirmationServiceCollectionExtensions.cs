using OrderWorker.Email;
using OrderWorker.Sweep;

namespace OrderWorker.Confirmation;

public static class OrderConfirmationServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddOrderConfirmation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConfirmationEmailOptions>().BindConfiguration(ConfirmationEmailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<EmailClaimOptions>().BindConfiguration(EmailClaimOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHttpClient<SesEmailSender>(http => http.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<ClaimedEmailSender>();
        builder.Services.AddSingleton<OrderConfirmation>();
        builder.Services.AddSingleton<PendingOrderSweep>();
        // Locally a timer runs the sweep that the template's schedule runs in AWS.
        if (builder.Configuration.GetValue<bool>($"{SweepOptions.Section}:{nameof(SweepOptions.TimerEnabled)}"))
        {
            builder.Services.AddHostedService<PendingOrderSweepTimer>();
        }
        return builder;
    }
}

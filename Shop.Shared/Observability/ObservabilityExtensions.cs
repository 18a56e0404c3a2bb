using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shop.Shared.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Logs as JSON lines in Lambda (<see cref="ShopJsonFormatter"/>: CloudWatch Logs Insights queries them by field),
    /// readable text locally; business metrics as EMF lines (<see cref="ShopMetrics"/>); traces and metrics over OTLP
    /// when an endpoint is configured (the Aspire dashboard locally).
    /// </summary>
    public static IHostApplicationBuilder AddShopObservability(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (RunsInLambda(builder.Configuration))
        {
            builder.Logging.AddConsole(console => console.FormatterName = ShopJsonFormatter.FormatterName)
                .AddConsoleFormatter<ShopJsonFormatter, ConsoleFormatterOptions>();
        }
        else
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        }

        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IMetricsOutput, ConsoleMetricsOutput>();
        builder.Services.AddSingleton<ShopMetrics>();

        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, MessageTracing.SourceName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ShopMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Logging.AddOpenTelemetry(logging => { logging.IncludeFormattedMessage = true; logging.IncludeScopes = true; });
            otel.UseOtlpExporter();
        }
        return builder;
    }

    public static bool RunsInLambda(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["AWS_LAMBDA_FUNCTION_NAME"]);
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shop.Shared.Observability;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Logs as JSON lines in Lambda (CloudWatch Logs Insights parses them), readable text locally;
    /// traces and metrics over OTLP when an endpoint is configured (the Aspire dashboard locally).
    /// </summary>
    public static IHostApplicationBuilder AddShopObservability(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (RunsInLambda(builder.Configuration))
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        }

        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
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

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Shop.Shared.Observability;

namespace TestSupport;

/// <summary>
/// What an app under test logs and measures, as CloudWatch would receive it: every log line formatted by the shop's
/// JSON formatter (with the app's real scopes), every EMF document the metrics write.
/// </summary>
public sealed class CapturedTelemetry : ILoggerProvider, ISupportExternalScope, IMetricsOutput
{
    private readonly ShopJsonFormatter _formatter = new();
    private readonly ConcurrentQueue<string> _logLines = new();
    private readonly ConcurrentQueue<string> _emfLines = new();
    private IExternalScopeProvider? _scopes;

    /// <summary>Each log line, parsed (so a line that is not one JSON object fails the test).</summary>
    public IReadOnlyList<JsonElement> LogLines => _logLines.Select(Parse).ToList();

    public IReadOnlyList<JsonElement> EmfDocuments => _emfLines.Select(Parse).ToList();

    /// <summary>The EMF documents that publish <paramref name="metric"/>.</summary>
    public IReadOnlyList<JsonElement> Metric(string metric) =>
        EmfDocuments.Where(d => d.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")
            .EnumerateArray().Any(m => m.GetProperty("Name").GetString() == metric)).ToList();

    public IReadOnlyList<JsonElement> LinesWithTemplate(string messageTemplate) =>
        LogLines.Where(l => l.GetProperty("messageTemplate").GetString() == messageTemplate).ToList();

    public void WriteLine(string emfDocument) => _emfLines.Enqueue(emfDocument);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static JsonElement Parse(string line)
    {
        Assert.DoesNotContain('\n', line.TrimEnd());
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private sealed class Logger(CapturedTelemetry owner, string category) : ILogger
    {
        // The logger factory keeps scopes in the shared scope provider for providers that support external scopes.
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            using var line = new StringWriter();
            owner._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), owner._scopes, line);
            if (line.GetStringBuilder().Length > 0)
            {
                owner._logLines.Enqueue(line.ToString());
            }
        }
    }
}

public static class CapturedTelemetryServiceCollectionExtensions
{
    /// <summary>Captures the app's logs and EMF lines (in place of the console) for assertions.</summary>
    public static IServiceCollection AddCapturedTelemetry(this IServiceCollection services)
    {
        services.AddSingleton<CapturedTelemetry>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<CapturedTelemetry>());
        services.AddSingleton<IMetricsOutput>(sp => sp.GetRequiredService<CapturedTelemetry>());
        return services;
    }
}

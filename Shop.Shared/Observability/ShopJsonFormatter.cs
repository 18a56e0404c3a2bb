using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Shop.Shared.Observability;

/// <summary>
/// One JSON object per line, flat enough for CloudWatch Logs Insights to filter on without unnesting:
/// <c>timestamp</c>, <c>level</c>, <c>category</c>, <c>message</c>, <c>messageTemplate</c>, then the ids that tie lines
/// together (<c>awsRequestId</c>, <c>correlationId</c>, <c>traceId</c>, <c>spanId</c>) lifted out of the log scopes,
/// <c>properties</c> (the message's values and every other scope value; the message's win, then the innermost scope's),
/// and <c>exception</c>. The built-in JSON formatter nests scopes in an array, which Logs Insights cannot query by name.
/// </summary>
public sealed class ShopJsonFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "shop-json";

    /// <summary>Scope or message values that become top-level fields, by their property name.</summary>
    private static readonly (string Property, string Field)[] TopLevel =
    [
        (RequestContext.AwsRequestIdProperty, "awsRequestId"),
        (RequestContext.CorrelationIdProperty, "correlationId"),
        ("TraceId", "traceId"),
        ("SpanId", "spanId"),
    ];

    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        var textScopes = new List<string>();
        scopeProvider?.ForEachScope((scope, _) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    properties[key] = value; // Scopes come outermost first, so the innermost value stays.
                }
            }
            else if (scope is not null)
            {
                textScopes.Add(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? "");
            }
        }, (object?)null);
        string? template = null;
        if (logEntry.State is IEnumerable<KeyValuePair<string, object?>> state)
        {
            foreach (var (key, value) in state)
            {
                if (key == OriginalFormat)
                {
                    template = value as string;
                }
                else
                {
                    properties[key] = value;
                }
            }
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            json.WriteString("messageTemplate", template ?? message);
            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("eventId", logEntry.EventId.Id);
            }
            foreach (var (property, field) in TopLevel)
            {
                if (properties.Remove(property, out var value) && value is not null)
                {
                    json.WriteString(field, Convert.ToString(value, CultureInfo.InvariantCulture));
                }
            }
            json.WriteStartObject("properties");
            foreach (var (key, value) in properties)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            json.WriteEndObject();
            if (textScopes.Count > 0)
            {
                json.WriteStartArray("scopes");
                textScopes.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", exception.ToString());
            }
            json.WriteEndObject();
        }
        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write(Environment.NewLine);
    }

    /// <summary>Numbers and booleans stay JSON numbers and booleans (so Logs Insights can compare them); the rest is text.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}

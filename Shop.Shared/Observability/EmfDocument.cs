using System.Text.Encodings.Web;
using System.Text.Json;

namespace Shop.Shared.Observability;

/// <summary>CloudWatch metric units this shop uses (the EMF <c>Unit</c> values).</summary>
public static class MetricUnit
{
    public const string Count = "Count";
    public const string Milliseconds = "Milliseconds";
    public const string None = "None";
}

/// <summary>
/// One CloudWatch Embedded Metric Format document: a JSON object that, written as one log line, makes CloudWatch Logs
/// publish its metrics, with no call to CloudWatch from the function:
/// <code>
/// {"_aws":{"Timestamp":1764102615123,"CloudWatchMetrics":[{"Namespace":"NorthwindGoods",
///   "Dimensions":[["Service"]],"Metrics":[{"Name":"OrdersPlaced","Unit":"Count"}]}]},
///  "Service":"Storefront","OrdersPlaced":1,"CorrelationId":"…"}
/// </code>
/// Dimension values, metric values and other properties are members of the root, as the specification requires;
/// properties are not metrics but make the line searchable in Logs Insights.
/// </summary>
public sealed class EmfDocument(string metricNamespace, DateTimeOffset timestamp)
{
    private const int MaxMetrics = 100;
    private const int MaxDimensionsPerSet = 30;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly List<(string Name, double Value, string Unit)> _metrics = [];
    private readonly Dictionary<string, string> _dimensions = new(StringComparer.Ordinal);
    private readonly List<string[]> _dimensionSets = [];
    private readonly Dictionary<string, string> _properties = new(StringComparer.Ordinal);

    public EmfDocument Metric(string name, double value, string unit)
    {
        if (_metrics.Count == MaxMetrics)
        {
            throw new InvalidOperationException($"An EMF document holds at most {MaxMetrics} metrics.");
        }
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Metric {name} must be a finite number.");
        }
        EnsureUnused(name);
        _metrics.Add((name, value, unit));
        return this;
    }

    /// <summary>A dimension's value; which dimensions each metric is published with is given by <see cref="DimensionSet"/>.</summary>
    public EmfDocument Dimension(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value); // CloudWatch refuses an empty dimension value.
        EnsureUnused(name);
        _dimensions[name] = value;
        return this;
    }

    /// <summary>One combination of dimensions to publish every metric under; each set is a separate CloudWatch metric.</summary>
    public EmfDocument DimensionSet(params string[] names)
    {
        if (names.Length > MaxDimensionsPerSet || names.Any(n => !_dimensions.ContainsKey(n)))
        {
            throw new ArgumentException($"A dimension set names at most {MaxDimensionsPerSet} dimensions, each given a value first.", nameof(names));
        }
        _dimensionSets.Add(names);
        return this;
    }

    /// <summary>A value for searching the log line, not published as a metric. Empty values are left out.</summary>
    public EmfDocument Property(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            EnsureUnused(name);
            _properties[name] = value;
        }
        return this;
    }

    public string ToJson()
    {
        if (_metrics.Count == 0)
        {
            throw new InvalidOperationException("An EMF document needs at least one metric.");
        }
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            // Without an explicit set, every dimension given is one set (no dimensions: one empty set).
            foreach (var set in _dimensionSets.Count > 0 ? _dimensionSets : [_dimensions.Keys.ToArray()])
            {
                json.WriteStartArray();
                foreach (var name in set)
                {
                    json.WriteStringValue(name);
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, _, unit) in _metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            foreach (var (name, value) in _dimensions.Concat(_properties))
            {
                json.WriteString(name, value);
            }
            foreach (var (name, value, _) in _metrics)
            {
                json.WriteNumber(name, value);
            }
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Metrics, dimensions and properties share the root object, so one name can be only one of them.</summary>
    private void EnsureUnused(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name == "_aws" || _dimensions.ContainsKey(name) || _properties.ContainsKey(name) || _metrics.Any(m => m.Name == name))
        {
            throw new ArgumentException($"'{name}' is already used in this EMF document.", nameof(name));
        }
    }
}

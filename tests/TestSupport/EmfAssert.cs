using System.Text.Json;

namespace TestSupport;

public static class EmfAssert
{
    /// <summary>
    /// The documented EMF shape: <c>_aws.Timestamp</c> (epoch ms, now), one metric directive in the namespace from the
    /// template's MetricsNamespace parameter, these dimension sets and metrics, and their values at the root.
    /// </summary>
    public static void HasShape(JsonElement document, string[][] dimensionSets, params string[] metrics)
    {
        var aws = document.GetProperty("_aws");
        Assert.InRange(aws.GetProperty("Timestamp").GetInt64(),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("NorthwindGoods", directive.GetProperty("Namespace").GetString());
        Assert.Equal(dimensionSets, directive.GetProperty("Dimensions").EnumerateArray().Select(s => s.EnumerateArray().Select(d => d.GetString()!).ToArray()));
        Assert.Equal(metrics, directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()));
        Assert.All(directive.GetProperty("Metrics").EnumerateArray(), m => Assert.NotEmpty(m.GetProperty("Unit").GetString()!));
        Assert.All(dimensionSets.SelectMany(s => s), d => Assert.Equal(JsonValueKind.String, document.GetProperty(d).ValueKind));
        Assert.All(metrics, m => Assert.Equal(JsonValueKind.Number, document.GetProperty(m).ValueKind));
    }
}

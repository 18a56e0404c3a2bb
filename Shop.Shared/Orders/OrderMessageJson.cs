using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Shared.Orders;

/// <summary>How the orders queue's message bodies are written and read: camelCase JSON, unknown members skipped (a
/// newer sender may add some).</summary>
internal static class OrderMessageJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string Write<T>(T message) => JsonSerializer.Serialize(message, Json);

    /// <summary>Parses a message body; a malformed one is an expected outcome (it goes to the DLQ), so no exception.
    /// <paramref name="missing"/> says what a parsed message lacks, if anything.</summary>
    public static bool TryRead<T>(string? body, Func<T, string?> missing, out T? message, out string? error) where T : class
    {
        message = null;
        error = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "empty body";
            return false;
        }
        try
        {
            message = JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
        error = message is null ? "null body" : missing(message);
        if (error is not null)
        {
            message = null;
            return false;
        }
        return true;
    }
}

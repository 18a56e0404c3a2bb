using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shop.Shared.Orders;

/// <summary>
/// The message the Storefront puts on the orders queue when it accepts an order; the worker confirms it.
/// Body: this record as camelCase JSON. Attributes: <c>MessageType</c> and <c>ContractVersion</c>.
/// </summary>
public sealed record OrderPlaced(string OrderId, string ShopperId, DateTimeOffset PlacedAt)
{
    public const string MessageType = "OrderPlaced";
    public const string ContractVersion = "1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a message body; a malformed one is an expected outcome (it goes to the DLQ), so no exception.</summary>
    public static bool TryParse(string? body, out OrderPlaced? message, out string? error)
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
            message = JsonSerializer.Deserialize<OrderPlaced>(body, Json);
        }
        catch (JsonException e)
        {
            error = $"not valid JSON: {e.Message}";
            return false;
        }
        if (message is null || string.IsNullOrWhiteSpace(message.OrderId) || string.IsNullOrWhiteSpace(message.ShopperId))
        {
            message = null;
            error = "orderId and shopperId are required";
            return false;
        }
        return true;
    }
}

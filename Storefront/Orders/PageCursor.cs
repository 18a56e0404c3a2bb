using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Orders;

/// <summary>
/// The "next page" position of a list of orders (a shopper's, an operator's search), as it travels in a URL: the
/// table's or index's key, with the list it belongs to (the shopper, the filters), encrypted and signed by the shop's
/// key ring (Data Protection). Opaque, so nothing about the table leaks; tamper-safe, so a forged or edited cursor, or
/// one of another list (another shopper's), reads as null (a 400), never as a key DynamoDB would refuse (a 500).
/// </summary>
public sealed class PageCursor(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Storefront.Orders.PageCursor.v1");

    public string Write(string list, IReadOnlyDictionary<string, string> position) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(list, new Dictionary<string, string>(position))));

    public IReadOnlyDictionary<string, string>? Read(string cursor, string list)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(cursor));
            return payload?.List == list && payload.Position is { Count: > 0 } position ? position : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record Payload(string List, Dictionary<string, string> Position);
}

using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Operations;

/// <summary>
/// The "next page" position of an operator's order search, as it travels in a URL: the index's key, with the search
/// it belongs to, encrypted and signed by the shop's key ring (Data Protection). Opaque, so nothing about the table
/// leaks; tamper-safe, so a forged or edited cursor, or one from another search, reads as null (a 400), never as a
/// key DynamoDB would refuse (a 500).
/// </summary>
public sealed class SearchCursor(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Storefront.Operations.OrderSearch.Cursor.v1");

    public string Write(string search, IReadOnlyDictionary<string, string> position) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(search, new Dictionary<string, string>(position))));

    public IReadOnlyDictionary<string, string>? Read(string cursor, string search)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(cursor));
            return payload?.Search == search && payload.Position is { Count: > 0 } position ? position : null;
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private sealed record Payload(string Search, Dictionary<string, string> Position);
}

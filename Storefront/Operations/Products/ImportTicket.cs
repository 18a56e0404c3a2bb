using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Storefront.Operations.Products;

/// <summary>
/// The previewed file, sealed for the confirm step: encrypted and signed with the shared key ring and good for
/// <see cref="Lifetime"/>, so the browser carries it back (no server-side state, which Lambda instances would not share)
/// but cannot read, change or replay it later. The confirm step checks the file again against the catalog as it is
/// then, and the versions the preview saw say whether the catalog moved in between.
/// </summary>
public sealed record ImportTicket(string Csv, IReadOnlyDictionary<string, int> Versions)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string Purpose = "Storefront.Operations.Products.ImportTicket";

    public string Seal(IDataProtectionProvider protection) =>
        Protector(protection).Protect(JsonSerializer.Serialize(this), Lifetime);

    /// <summary>The ticket, or null if it was altered, made with another key or is too old.</summary>
    public static ImportTicket? Open(IDataProtectionProvider protection, string? sealedTicket)
    {
        if (string.IsNullOrEmpty(sealedTicket))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ImportTicket>(Protector(protection).Unprotect(sealedTicket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private static ITimeLimitedDataProtector Protector(IDataProtectionProvider protection) =>
        protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
}

using System.ComponentModel.DataAnnotations;

namespace Storefront.KeyRing;

/// <summary>The key that encrypts the data-protection key ring in its table (<c>Tables:KeyRing</c>).</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>). It encrypts each key before it is
    /// stored, so reading the table (or a backup of it) is not enough to forge a session. From the deployment's
    /// configuration; locally the app host generates one under .local/.</summary>
    [Required]
    public string KeyEncryptionKey { get; set; } = "";

    public static bool IsValidKey(string base64)
    {
        var bytes = new byte[32];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == 32;
    }
}

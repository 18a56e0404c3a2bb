using System.ComponentModel.DataAnnotations;

namespace Storefront.KeyRing;

/// <summary>Where the data-protection key ring lives, and the key that encrypts it there.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>The DynamoDB table every Storefront instance reads and adds keys to.</summary>
    [Required]
    public string Table { get; set; } = "";

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

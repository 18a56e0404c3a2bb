using System.Security.Cryptography;

namespace LocalDev.LocalAws;

/// <summary>
/// The Storefront's key-encryption key for its data-protection key ring, locally. It must outlive a run as long as
/// the key ring does (DynamoDB Local keeps it in .local/), so the app host keeps it next to it; tests make a new one.
/// </summary>
public static class LocalSecrets
{
    public static string NewKeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string LoadOrCreateKeyEncryptionKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = NewKeyEncryptionKey();
        File.WriteAllText(path, key);
        return key;
    }
}

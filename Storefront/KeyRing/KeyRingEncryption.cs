using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace Storefront.KeyRing;

/// <summary>
/// Encrypts each data-protection key with AES-256-GCM under the configured key-encryption key before it is stored.
/// The stored element names its decryptor and the key-encryption key's fingerprint (never the key itself).
/// </summary>
public sealed class KeyRingEncryptor(byte[] keyEncryptionKey) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(keyEncryptionKey, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, KeyRingCipher.AssociatedData);
        }
        var element = new XElement(KeyRingCipher.ElementName,
            new XAttribute("kek", KeyRingCipher.Fingerprint(keyEncryptionKey)),
            Convert.ToBase64String([.. nonce, .. tag, .. ciphertext]));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Decrypts what <see cref="KeyRingEncryptor"/> stored; data protection creates it by name from the XML.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = Convert.FromBase64String(services.GetRequiredService<IOptions<KeyRingOptions>>().Value.KeyEncryptionKey);
        if ((string?)encryptedElement.Attribute("kek") != KeyRingCipher.Fingerprint(key))
        {
            throw new CryptographicException(
                $"This data-protection key was encrypted with another key-encryption key (fingerprint {(string?)encryptedElement.Attribute("kek")}) " +
                $"than DataProtection:KeyEncryptionKey (fingerprint {KeyRingCipher.Fingerprint(key)}).");
        }
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var nonce = sealedBytes.AsSpan(0, AesGcm.NonceByteSizes.MaxSize);
        var tag = sealedBytes.AsSpan(nonce.Length, AesGcm.TagByteSizes.MaxSize);
        var ciphertext = sealedBytes.AsSpan(nonce.Length + tag.Length);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, KeyRingCipher.AssociatedData);
        }
        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

internal static class KeyRingCipher
{
    public const string ElementName = "encryptedKey";

    // Binds the ciphertext to its use: a blob encrypted with the same key for another purpose will not decrypt here.
    public static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("Storefront data-protection key ring v1");

    public static string Fingerprint(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];
}

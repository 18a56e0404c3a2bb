using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// The RSA key that signs tokens, kept as PEM in the data directory so tokens and the JWKS stay the same across
/// restarts (the Storefront caches the JWKS). The key id is derived from the public key, so it is stable too.
/// </summary>
public static class SigningKey
{
    public static RsaSecurityKey LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "signing-key.pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(path, rsa.ExportRSAPrivateKeyPem());
        }
        var id = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportRSAPublicKey()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = id };
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;

namespace OrderWorker.Email;

/// <summary>
/// AWS Signature Version 4 for a plain HTTP request: builds the canonical request and the Authorization header.
/// The SDK's <see cref="AWS4Signer.ComputeSignature(string, string, string, DateTime, string, string, string)"/> does
/// the key derivation and the final HMAC. Checked against AWS's published SigV4 test-suite vectors.
/// </summary>
public static class SigV4
{
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    public static string PayloadHash(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <param name="headers">Every header to sign, including <c>host</c> and <c>x-amz-date</c>.</param>
    public static string Authorization(
        string method, Uri uri, IReadOnlyDictionary<string, string> headers, string payloadHash,
        string accessKey, string secretKey, string region, string service, DateTime signedAt)
    {
        var canonicalHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: CollapseSpaces(h.Value.Trim())))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));
        var canonicalRequest = string.Join('\n',
            method,
            CanonicalPath(uri),
            CanonicalQuery(uri),
            string.Concat(canonicalHeaders.Select(h => $"{h.Name}:{h.Value}\n")),
            signedHeaders,
            payloadHash);

        var result = AWS4Signer.ComputeSignature(accessKey, secretKey, region, signedAt, service, signedHeaders, canonicalRequest);
        var scope = $"{signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}/{region}/{service}/aws4_request";
        return $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={result.Signature}";
    }

    /// <summary>Each path segment URI-encoded (RFC 3986 unreserved characters kept).</summary>
    private static string CanonicalPath(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    /// <summary>Parameters sorted by name, then value, each side encoded.</summary>
    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }
        return string.Join('&', query.Split('&')
            .Select(pair => pair.Split('=', 2))
            .Select(p => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(p[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(p.ElementAtOrDefault(1) ?? ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

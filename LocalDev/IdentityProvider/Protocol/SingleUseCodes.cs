using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// Remembers redeemed authorization codes so each is accepted once. In degraded mode OpenIddict stores no tokens and
/// so cannot do this itself. Memory is enough: codes live minutes and are encrypted with a key that dies with the process.
/// </summary>
public sealed class SingleUseCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new();

    /// <summary>True the first time a code is presented, false ever after.</summary>
    public bool TryRedeem(string code, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, forgetAt) in _redeemed)
        {
            if (forgetAt < now)
            {
                _redeemed.TryRemove(key, out _);
            }
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
        return _redeemed.TryAdd(hash, now + lifetime);
    }
}

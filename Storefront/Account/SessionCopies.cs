using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Storefront.Account;

/// <summary>
/// This instance's copies of the sessions it read, stored or renewed itself in the last
/// <see cref="AuthOptions.PublicPageSessionReuse"/>, which public pages (<see cref="Site.PublicPages"/>) use instead of
/// reading the session again (<see cref="ShopperSessions"/>). A copy is the serialized ticket, so each request gets a
/// principal of its own. Nothing is kept of a session not found, nor again of one this instance saw end: a strong read
/// that began before a sign-out here and ends after it must not bring its copy back.
/// </summary>
public sealed class SessionCopies(IOptions<AuthOptions> auth, TimeProvider clock) : IDisposable
{
    /// <summary>What the copies may take of an instance's memory, in serialized tickets' bytes (about half a KB each).</summary>
    private const long SizeLimit = 8 * 1024 * 1024;

    /// <summary>How many ended sessions this instance remembers; each is remembered as long as its cookie could last.</summary>
    private const long EndedLimit = 100_000;

    private readonly MemoryCache _copies = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly MemoryCache _ended = new(new MemoryCacheOptions { SizeLimit = EndedLimit });

    private TimeSpan Window => auth.Value.PublicPageSessionReuse;

    /// <summary>The session under <paramref name="key"/> as this instance last read or wrote it, if that was within the window.</summary>
    public AuthenticationTicket? Fresh(string key) =>
        _copies.TryGetValue(key, out Copy? copy) && copy is not null && clock.GetUtcNow() - copy.KeptAt < Window
            ? TicketSerializer.Default.Deserialize(copy.Ticket)
            : null;

    /// <summary>Keeps the session just read from or written to the table, as <paramref name="ticket"/> serialized.</summary>
    public void Keep(string key, byte[] ticket)
    {
        if (Window <= TimeSpan.Zero || _ended.TryGetValue(key, out _))
        {
            return;
        }
        // The window is judged by the app's clock above; the cache's own expiry only frees the memory.
        _copies.Set(key, new Copy(ticket, clock.GetUtcNow()), new MemoryCacheEntryOptions { Size = ticket.Length, AbsoluteExpirationRelativeToNow = Window });
        // An end recorded meanwhile wins: Drop records it before removing the copy, so one of the two sees the other.
        if (_ended.TryGetValue(key, out _))
        {
            _copies.Remove(key);
        }
    }

    /// <summary>The session under <paramref name="key"/> has ended (a session key never comes back): its copy goes, for good.</summary>
    public void Drop(string key)
    {
        _ended.Set(key, true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AccountServiceCollectionExtensions.SessionLifetime });
        _copies.Remove(key);
    }

    public void Dispose()
    {
        _copies.Dispose();
        _ended.Dispose();
    }

    private sealed record Copy(byte[] Ticket, DateTimeOffset KeptAt);
}

using System.Collections.Concurrent;
using System.Net;

namespace Faults.Tests;

/// <summary>What shoppers were told: every answer's status, the orders they were told were accepted, and any answer a
/// shopper should never see (a 5xx other than the shop's own 503 "try again" page).</summary>
public sealed class ShopperLog
{
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentBag<string> _unexpected = [];
    private readonly ConcurrentDictionary<string, string> _accepted = new();

    public IReadOnlyDictionary<int, int> Statuses => _statuses;
    public IReadOnlyCollection<string> Unexpected => _unexpected;

    /// <summary>Order id → the email of the shopper told it was accepted.</summary>
    public IReadOnlyDictionary<string, string> Accepted => _accepted;

    public int Requests => _statuses.Values.Sum();
    public int TryAgainPages => _statuses.GetValueOrDefault(503);

    public void Answered(HttpMethod method, string path, HttpStatusCode status, string body)
    {
        _statuses.AddOrUpdate((int)status, 1, (_, n) => n + 1);
        var tryAgain = status == HttpStatusCode.ServiceUnavailable && body.Contains("try again", StringComparison.OrdinalIgnoreCase);
        if ((int)status >= 500 && !tryAgain)
        {
            _unexpected.Add($"{method} {path} answered {(int)status}: {body[..Math.Min(body.Length, 200)]}");
        }
    }

    public void Unexpectedly(string what) => _unexpected.Add(what);

    public void Accept(string orderId, string email) => _accepted[orderId] = email;
}

using System.Text.Json;
using System.Text.RegularExpressions;

namespace TestSupport;

public sealed record MailboxEmail(string MessageId, string From, IReadOnlyList<string> To, string Subject, string? Html, string? Text);

/// <summary>Reads what the SES emulator kept (<c>GET /store</c>): the local mailbox.</summary>
public sealed partial class Mailbox(string sesUrl)
{
    private static readonly HttpClient Http = new();

    /// <summary>The 6-digit code in the latest email to <paramref name="address"/> (sign-up, password reset).</summary>
    public async Task<string> LatestCodeAsync(string address)
    {
        var text = (await EmailsToAsync(address)) is [.., var latest] ? latest.Text ?? "" : throw new InvalidOperationException($"No email to {address}.");
        return CodePattern().Match(text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No code in the latest email to {address}: {text}");
    }

    public async Task<int> CountAsync(string address) => (await EmailsToAsync(address)).Count;

    public async Task<IReadOnlyList<MailboxEmail>> EmailsToAsync(string address)
    {
        using var store = JsonDocument.Parse(await Http.GetStringAsync($"{sesUrl.TrimEnd('/')}/store"));
        return store.RootElement.GetProperty("emails").EnumerateArray()
            .Select(e => new MailboxEmail(
                e.GetProperty("messageId").GetString()!,
                e.GetProperty("from").GetString()!,
                e.GetProperty("destination").GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList(),
                e.GetProperty("subject").GetString()!,
                e.GetProperty("body").TryGetProperty("html", out var html) ? html.GetString() : null,
                e.GetProperty("body").TryGetProperty("text", out var text) ? text.GetString() : null))
            .Where(e => e.To.Contains(address, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    [GeneratedRegex(@"\b[0-9]{6}\b")]
    private static partial Regex CodePattern();
}

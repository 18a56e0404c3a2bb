using System.Net.Http.Json;
using System.Text.Json;

namespace TestSupport;

public sealed record MailboxEmail(string MessageId, string From, IReadOnlyList<string> To, string Subject, string? Html, string? Text);

/// <summary>Reads what the SES emulator kept (<c>GET /store</c>): the local mailbox.</summary>
public sealed class Mailbox(string sesUrl)
{
    private static readonly HttpClient Http = new();

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
}

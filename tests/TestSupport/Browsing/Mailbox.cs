using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TestSupport.Browsing;

/// <summary>The local mailbox: what the SES emulator was asked to send, read from its <c>GET /store</c>.</summary>
public sealed partial class Mailbox(string sesUrl)
{
    private static readonly HttpClient Http = new();

    /// <summary>The 6-digit code in the latest email to <paramref name="to"/>.</summary>
    public async Task<string> LatestCodeAsync(string to)
    {
        var text = await LatestTextAsync(to);
        return CodePattern().Match(text) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"No code in the latest email to {to}: {text}");
    }

    public async Task<int> CountAsync(string to) => (await EmailsToAsync(to)).Count;

    private async Task<string> LatestTextAsync(string to) => (await EmailsToAsync(to)) switch
    {
        [.., var latest] => latest.GetProperty("body").GetProperty("text").GetString() ?? "",
        _ => throw new InvalidOperationException($"No email to {to}."),
    };

    private async Task<List<JsonElement>> EmailsToAsync(string to)
    {
        var store = await Http.GetFromJsonAsync<JsonElement>($"{sesUrl.TrimEnd('/')}/store");
        return store.GetProperty("emails").EnumerateArray()
            .Where(e => e.GetProperty("destination").GetProperty("to").EnumerateArray().Any(a => a.GetString() == to))
            .ToList();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();
}

using TestSupport;

namespace EndToEnd.Tests;

/// <summary>Waits for an email to arrive in the local mailbox, asking it again and again up to a deadline.</summary>
public static class MailboxWaits
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task<MailboxEmail> WaitForEmailAsync(
        this Mailbox mailbox, string address, Func<MailboxEmail, bool> matches, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var emails = await mailbox.EmailsToAsync(address);
            if (emails.LastOrDefault(matches) is { } email)
            {
                return email;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                var subjects = emails.Count == 0 ? "none" : string.Join("; ", emails.Select(e => e.Subject));
                throw new TimeoutException($"No matching email to {address} within {timeout.TotalSeconds} s. Emails to it: {subjects}");
            }
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The 6-digit code of the sign-up (or password reset) email to <paramref name="address"/>.</summary>
    public static async Task<string> WaitForCodeAsync(this Mailbox mailbox, string address)
    {
        await mailbox.WaitForEmailAsync(address, _ => true, TimeSpan.FromSeconds(30));
        return await mailbox.LatestCodeAsync(address);
    }
}

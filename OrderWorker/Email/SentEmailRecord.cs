namespace OrderWorker.Email;

/// <summary>
/// Once SES has taken an email, recording it on the order is what stops a second one: if the record fails, the claim
/// stays held until its lease ends and a redelivery sends the email again (or, with redeliveries quicker than the
/// lease, the message ends in the dead-letter queue). So the record is tried harder than other calls: a few more times
/// over a few seconds, beyond the SDK's own retries. The fault-injection burst found the gap.
/// </summary>
public static class SentEmailRecord
{
    private const int Attempts = 5;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);

    public static async Task RecordAsync(Func<CancellationToken, Task> record, ILogger logger, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await record(cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < Attempts)
            {
                logger.LogWarning(e, "Recording a sent email failed (attempt {Attempt} of {Attempts}); trying again", attempt, Attempts);
                await Task.Delay(Backoff * attempt, cancellationToken);
            }
        }
    }
}

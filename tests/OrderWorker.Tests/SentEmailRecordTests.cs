using Microsoft.Extensions.Logging.Abstractions;
using OrderWorker.Email;

namespace OrderWorker.Tests;

public sealed class SentEmailRecordTests
{
    [Fact]
    public async Task Recording_a_sent_email_is_tried_again_until_it_succeeds()
    {
        var tries = 0;

        await SentEmailRecord.RecordAsync(_ => ++tries < 3 ? throw new HttpRequestException("connection reset") : Task.CompletedTask,
            NullLogger.Instance, CancellationToken.None);

        Assert.Equal(3, tries);
    }

    [Fact]
    public async Task Recording_that_keeps_failing_gives_up_after_a_few_tries_so_the_message_comes_back()
    {
        var tries = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => SentEmailRecord.RecordAsync(
            _ => { tries++; throw new HttpRequestException("connection reset"); }, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(5, tries);
    }
}

using System.Net.Http.Json;
using Amazon.SQS.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace OrderWorker.Queue;

/// <summary>
/// Invokes this app with a batch as Lambda's event source mapping invokes the function: the messages as Lambda's SQS
/// event JSON, POSTed to the app's own <c>/events</c> (the Lambda Web Adapter's path for non-HTTP events), so local
/// runs take the Lambda code path.
/// </summary>
public sealed class FunctionInvocation(HttpClient http, IServer server, IOptions<AwsOptions> aws)
{
    /// <summary>The messages of <paramref name="batch"/> the function handled: all but its <c>batchItemFailures</c>.
    /// A failed invocation throws, and then none is done, as in Lambda: the whole batch comes back.</summary>
    public async Task<IReadOnlyList<Message>> HandledAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        using var answer = await http.PostAsJsonAsync(new Uri(OwnAddress(), "/events"), new SqsEvent(batch.Select(ToRecord).ToList()), cancellationToken);
        answer.EnsureSuccessStatusCode();
        var result = await answer.Content.ReadFromJsonAsync<BatchResponse>(cancellationToken);
        var failed = (result?.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).ToHashSet();
        return batch.Where(m => !failed.Contains(m.MessageId)).ToList();
    }

    private Uri OwnAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet.");
        // A wildcard listen address is reached on loopback.
        return new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1"));
    }

    private SqsRecord ToRecord(Message message) => new(
        message.MessageId,
        message.ReceiptHandle,
        message.Body,
        message.Attributes ?? [],
        (message.MessageAttributes ?? []).ToDictionary(a => a.Key, a => new SqsMessageAttribute(a.Value.StringValue, a.Value.DataType)),
        message.MD5OfBody,
        "aws:sqs",
        null,
        aws.Value.Region);
}

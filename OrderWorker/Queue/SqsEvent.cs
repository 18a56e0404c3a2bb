using System.Text.Json.Serialization;

namespace OrderWorker.Queue;

/// <summary>
/// The SQS event Lambda hands the function, in Lambda's JSON shape; the Lambda Web Adapter POSTs it to
/// <c>/events</c> as is, and the local poller builds the same JSON.
/// </summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord>? Records);

public sealed record SqsRecord(
    string MessageId,
    string? ReceiptHandle,
    string? Body,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes,
    string? Md5OfBody = null,
    string? EventSource = "aws:sqs",
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn = null,
    string? AwsRegion = null);

public sealed record SqsMessageAttribute(string? StringValue, string? DataType);

/// <summary>Partial batch response (ReportBatchItemFailures): only the listed messages are retried.</summary>
public sealed record BatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

public sealed record BatchItemFailure(string ItemIdentifier);

/// <summary>What the sweep did, as the answer to a scheduled event.</summary>
public sealed record SweepResponse(int Resent);

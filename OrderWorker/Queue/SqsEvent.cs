using System.Text.Json.Serialization;

namespace OrderWorker.Queue;

/// <summary>The SQS event Lambda hands the function; the Lambda Web Adapter POSTs it to <c>/events</c> as is.</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord>? Records);

public sealed record SqsRecord(
    string MessageId,
    string? ReceiptHandle,
    string? Body,
    IReadOnlyDictionary<string, string>? Attributes,
    IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes);

public sealed record SqsMessageAttribute(string? StringValue, string? DataType);

/// <summary>Partial batch response (ReportBatchItemFailures): only the listed messages are retried.</summary>
public sealed record BatchResponse(IReadOnlyList<BatchItemFailure> BatchItemFailures);

public sealed record BatchItemFailure(string ItemIdentifier);

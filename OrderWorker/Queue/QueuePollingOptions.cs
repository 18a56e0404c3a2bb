using System.ComponentModel.DataAnnotations;

namespace OrderWorker.Queue;

/// <summary>Local stand-in for Lambda's SQS event source mapping; off in AWS.</summary>
public sealed class QueuePollingOptions
{
    public const string Section = "QueuePolling";

    public bool Enabled { get; set; }

    [Range(1, 10)]
    public int BatchSize { get; set; } = 10;

    [Range(0, 20)]
    public int WaitTimeSeconds { get; set; } = 10;

    /// <summary>Batches in flight at once, each polled and processed on its own, as the event source mapping
    /// invokes several workers at once (its <c>MaximumConcurrency</c> in serverless.template is 5), so races between
    /// workers happen locally too.</summary>
    [Range(1, 10)]
    public int Concurrency { get; set; } = 5;
}

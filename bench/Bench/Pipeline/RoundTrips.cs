namespace Bench.Pipeline;

/// <summary>
/// Round trips assumed for calls from a Lambda function to a service in the same region: DynamoDB's documented
/// "single-digit millisecond" reads and writes, and rounder guesses for SQS and SES's SendEmail. Not measured in
/// AWS: they make the worker wait locally about as it would there, which is what decides whether handling a
/// batch's records side by side pays.
/// </summary>
public static class RoundTrips
{
    public static readonly TimeSpan DynamoDb = TimeSpan.FromMilliseconds(5);
    public static readonly TimeSpan Sqs = TimeSpan.FromMilliseconds(10);
    public static readonly TimeSpan Ses = TimeSpan.FromMilliseconds(25);

    public static string Describe() =>
        $"{DynamoDb.TotalMilliseconds:0} ms (DynamoDB), {Sqs.TotalMilliseconds:0} ms (SQS), {Ses.TotalMilliseconds:0} ms (SES)";
}

namespace LocalDev.LocalAws;

/// <summary>Where the local emulators listen, and how local resources are addressed.</summary>
public sealed record LocalStackNames(string DynamoDbUrl, string SqsUrl, string SesUrl)
{
    public const string AccountId = "000000000000";

    public string Region => "us-east-1";

    /// <summary>The queue URL the SQS emulator gives a queue named after its logical id.</summary>
    public string QueueUrl(string queueName) => $"{SqsUrl.TrimEnd('/')}/{AccountId}/{queueName}";

    public string QueueArn(string queueName) => $"arn:aws:sqs:{Region}:{AccountId}:{queueName}";

    /// <summary>Configuration that points an app's AWS clients at the emulators, with dummy credentials.</summary>
    public IReadOnlyDictionary<string, string> ClientConfiguration() => new Dictionary<string, string>
    {
        ["Aws__ServiceUrls__DynamoDB"] = DynamoDbUrl,
        ["Aws__ServiceUrls__SQS"] = SqsUrl,
        ["Aws__ServiceUrls__SES"] = SesUrl,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_REGION"] = Region,
    };
}

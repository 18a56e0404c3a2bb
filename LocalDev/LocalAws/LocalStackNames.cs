namespace LocalDev.LocalAws;

/// <summary>Where the local emulators listen, and how local resources are addressed.</summary>
public sealed record LocalStackNames(string DynamoDbUrl, string SqsUrl, string SesUrl)
{
    public const string AccountId = "000000000000";

    public string Region => "us-east-1";

    /// <summary>Where the S3 emulator (s3rver behind LocalDev/Emulators/s3-compat.mjs) listens.</summary>
    public required string S3Url { get; init; }

    /// <summary>Where the local Storefront answers: the stand-in for the CloudFront domain.</summary>
    public string StorefrontUrl { get; init; } = "http://127.0.0.1:5080";

    /// <summary>Values for template parameters that a deployment must choose (they have no default).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>
    {
        ["SenderEmailAddress"] = "orders@northwind-goods.localhost",
    };

    /// <summary>Local values for settings whose cloud value comes from cloud-only resources.</summary>
    public IReadOnlyDictionary<string, string> CloudOnlySettings => new Dictionary<string, string>
    {
        ["ConfirmationEmail__StorefrontUrl"] = StorefrontUrl,
        ["CloudFront__OriginSecret"] = "", // no CloudFront in front of the local Storefront: nothing to check
    };

    /// <summary>The queue URL the SQS emulator gives a queue named after its logical id.</summary>
    public string QueueUrl(string queueName) => $"{SqsUrl.TrimEnd('/')}/{AccountId}/{queueName}";

    public string QueueArn(string queueName) => $"arn:aws:sqs:{Region}:{AccountId}:{queueName}";

    /// <summary>The local name of a template bucket: its logical id in lower case, as S3 bucket names must be.</summary>
    public static string BucketName(string logicalId) => logicalId.ToLowerInvariant();

    /// <summary>Configuration that points an app's AWS clients at the emulators, with dummy credentials.</summary>
    public IReadOnlyDictionary<string, string> ClientConfiguration() => new Dictionary<string, string>
    {
        ["Aws__ServiceUrls__DynamoDB"] = DynamoDbUrl,
        ["Aws__ServiceUrls__SQS"] = SqsUrl,
        ["Aws__ServiceUrls__SES"] = SesUrl,
        ["Aws__ServiceUrls__S3"] = S3Url,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_REGION"] = Region,
    };
}

using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SQS;

namespace LocalDev.LocalAws;

/// <summary>SDK clients for the emulators, as the local tools use them (the apps build theirs from configuration).</summary>
public static class LocalAwsClients
{
    private static readonly AWSCredentials Dummy = new BasicAWSCredentials("local", "local");

    public static IAmazonDynamoDB DynamoDb(this LocalStackNames names) =>
        new AmazonDynamoDBClient(Dummy, new AmazonDynamoDBConfig { ServiceURL = names.DynamoDbUrl, AuthenticationRegion = names.Region });

    public static IAmazonSQS Sqs(this LocalStackNames names) =>
        new AmazonSQSClient(Dummy, new AmazonSQSConfig { ServiceURL = names.SqsUrl, AuthenticationRegion = names.Region });

    /// <summary>Path-style addressing: a bucket cannot be a subdomain of a loopback address.</summary>
    public static IAmazonS3 S3(this LocalStackNames names) =>
        new AmazonS3Client(Dummy, new AmazonS3Config { ServiceURL = names.S3Url, AuthenticationRegion = names.Region, ForcePathStyle = true });

    /// <summary>Creates the template's tables, queues and buckets, then seeds the catalog into the products table.</summary>
    public static async Task ProvisionAndSeedAsync(this LocalStackNames names, CancellationToken cancellationToken)
    {
        using var dynamo = names.DynamoDb();
        using var sqs = names.Sqs();
        using var s3 = names.S3();
        var template = ServerlessTemplate.Load(RepoPaths.Template);
        await new Provisioner(dynamo, sqs, names, s3).ProvisionAsync(template, cancellationToken);
        // The products table is whichever table the Storefront is configured to read products from.
        var productsTable = template.RefTarget("StorefrontFunction", "Tables__Products");
        await new CatalogSeeder(dynamo).SeedAsync(productsTable, SeedCatalog.Load(RepoPaths.SeedCatalog), cancellationToken);
    }
}

using Amazon.DynamoDBv2;
using Amazon.Runtime;
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

    /// <summary>Creates the template's tables and queues, then seeds the catalog into the products table.</summary>
    public static async Task ProvisionAndSeedAsync(this LocalStackNames names, CancellationToken cancellationToken)
    {
        using var dynamo = names.DynamoDb();
        using var sqs = names.Sqs();
        var template = ServerlessTemplate.Load(RepoPaths.Template);
        await new Provisioner(dynamo, sqs, names).ProvisionAsync(template, cancellationToken);
        // The products table is whichever table the Storefront is configured to read products from.
        var productsTable = template.RefTarget("StorefrontFunction", "Tables__Products");
        await new CatalogSeeder(dynamo).SeedAsync(productsTable, SeedCatalog.Load(RepoPaths.SeedCatalog), cancellationToken);
    }
}

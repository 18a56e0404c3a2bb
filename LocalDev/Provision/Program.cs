using Amazon;
using Amazon.DynamoDBv2;
using LocalDev.LocalAws;

// Usage: Provision <dynamodb-url> <sqs-url> <ses-url> <s3-url>
//          provisions the local emulators from serverless.template and seeds the catalog (what ./run.sh does);
//        Provision --seed-catalog <products-table> <region>
//          loads the same seed catalog into a deployed stack's products table, with AWS credentials from the SDK's
//          default chain (README, Deploy). Like the local seed it never resets stock nor duplicates a product.
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
if (args is ["--seed-catalog", var table, var region])
{
    using var dynamo = new AmazonDynamoDBClient(RegionEndpoint.GetBySystemName(region));
    var catalog = SeedCatalog.Load(RepoPaths.SeedCatalog);
    await new CatalogSeeder(dynamo).SeedAsync(table, catalog, timeout.Token);
    Console.WriteLine($"Seeded {catalog.Products.Count} products into {table} ({region}).");
    return 0;
}
if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: Provision <dynamodb-url> <sqs-url> <ses-url> <s3-url>");
    Console.Error.WriteLine("       Provision --seed-catalog <products-table> <region>");
    return 2;
}

var names = new LocalStackNames(args[0], args[1], args[2]) { S3Url = args[3] };
await names.ProvisionAndSeedAsync(timeout.Token);
var template = ServerlessTemplate.Load(RepoPaths.Template);
Console.WriteLine($"Provisioned {template.Tables.Count} tables, {template.Queues.Count} queues and {template.Buckets.Count} buckets from serverless.template, and seeded the catalog.");
return 0;

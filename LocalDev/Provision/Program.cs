using LocalDev.LocalAws;

// Usage: Provision <dynamodb-url> <sqs-url> <ses-url>
if (args.Length != 3)
{
    Console.Error.WriteLine("Usage: Provision <dynamodb-url> <sqs-url> <ses-url>");
    return 2;
}

var names = new LocalStackNames(args[0], args[1], args[2]);
using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
await names.ProvisionAndSeedAsync(timeout.Token);
var template = ServerlessTemplate.Load(RepoPaths.Template);
Console.WriteLine($"Provisioned {template.Tables.Count} tables and {template.Queues.Count} queues from serverless.template, and seeded the catalog.");
return 0;

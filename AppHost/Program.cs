using AppHost;
using LocalDev.LocalAws;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);
var ports = LocalPorts.From(builder.Configuration);
var names = new LocalStackNames($"http://127.0.0.1:{ports.DynamoDb}", $"http://127.0.0.1:{ports.Sqs}", $"http://127.0.0.1:{ports.Mailbox}")
{
    S3Url = $"http://127.0.0.1:{ports.S3}",
    StorefrontUrl = $"http://127.0.0.1:{ports.Storefront}",
};
var template = ServerlessTemplate.Load(RepoPaths.Template);

// The AWS stand-ins. DynamoDB keeps its data under .local/ between runs (in memory when the setting is empty, as in
// the end-to-end tests); SQS and SES are in memory, S3's objects in a temporary directory removed when it stops.
var dynamoDataPath = builder.Configuration.GetValue("LocalStack:DynamoDbDataPath", Path.Combine(RepoPaths.Root, ".local", "dynamodb"));
var dynamoCommand = EmulatorCommands.DynamoDbLocal(ports.DynamoDb, string.IsNullOrEmpty(dynamoDataPath) ? null : dynamoDataPath);
var dynamo = builder.AddExecutable("dynamodb", dynamoCommand.FileName, dynamoCommand.WorkingDirectory, [.. dynamoCommand.Arguments])
    .WithHttpEndpoint(port: ports.DynamoDb, isProxied: false)
    .WithHttpHealthCheck("/", statusCode: 400); // DynamoDB answers a bare GET with 400 once it listens.

var emulatorsCommand = EmulatorCommands.SqsSesAndS3(ports.Sqs, ports.Mailbox, ports.S3);
var sqsAndSes = builder.AddExecutable("sqs-ses", emulatorsCommand.FileName, emulatorsCommand.WorkingDirectory, [.. emulatorsCommand.Arguments])
    .WithHttpEndpoint(port: ports.Mailbox, isProxied: false, name: "mailbox")
    .WithHttpHealthCheck("/health-check", endpointName: "mailbox");

// Tables, queues and buckets from serverless.template, then the seed catalog; the apps start once it has finished.
var provision = builder.AddProject<Projects.Provision>("provision")
    .WithArgs(names.DynamoDbUrl, names.SqsUrl, names.SesUrl, names.S3Url)
    .WaitFor(dynamo)
    .WaitFor(sqsAndSes);

// The stand-in for the Cognito hosted UI. It mails codes through the SES emulator and keeps users and its signing
// key under .local/identity-provider (elsewhere when set, as the end-to-end tests do, so their users stay out of a
// developer's). The app client secret is new each run; the key that encrypts the Storefront's key ring in DynamoDB
// Local lives as long as that table, in .local/ too.
var storefrontOrigin = $"http://127.0.0.1:{ports.Storefront}";
var signIn = new LocalSignIn(ports.IdentityProvider, [storefrontOrigin], LocalSignIn.NewClientSecret());
var identityDataPath = builder.Configuration.GetValue("LocalStack:IdentityProviderDataPath", "") is { Length: > 0 } path
    ? path
    : Path.Combine(RepoPaths.Root, ".local", "identity-provider");
var identityProvider = builder.AddProject<Projects.IdentityProvider>("identity-provider", launchProfileName: null)
    .WithHttpEndpoint(port: ports.IdentityProvider, isProxied: false)
    .WithHttpHealthCheck("/healthz")
    .WaitFor(sqsAndSes);
foreach (var (key, value) in signIn.ProviderConfiguration(names.SesUrl, identityDataPath))
{
    identityProvider.WithEnvironment(key, value);
}
var storefrontLocalValues = new Dictionary<string, string>(signIn.StorefrontConfiguration(storefrontOrigin))
{
    ["DataProtection__KeyEncryptionKey"] = LocalSecrets.LoadOrCreateKeyEncryptionKey(Path.Combine(RepoPaths.Root, ".local", "storefront-key-encryption-key")),
};

builder.AddProject<Projects.Storefront>("storefront", launchProfileName: null)
    .WithShopConfiguration(template, "StorefrontFunction", names, storefrontLocalValues)
    .WithHttpEndpoint(port: ports.Storefront, isProxied: false)
    .WithHttpHealthCheck("/readyz")
    .WithExternalHttpEndpoints()
    .WaitForCompletion(provision)
    .WaitFor(identityProvider);

builder.AddProject<Projects.OrderWorker>("orderworker", launchProfileName: null)
    .WithShopConfiguration(template, "OrderWorkerFunction", names)
    .WithEnvironment("QueuePolling__Enabled", "true")
    .WithEnvironment("Sweep__TimerEnabled", "true")
    .WithHttpEndpoint(port: ports.OrderWorker, isProxied: false)
    .WithHttpHealthCheck("/readyz")
    .WaitForCompletion(provision);

builder.Build().Run();

using Microsoft.Extensions.Configuration;

namespace AppHost;

/// <summary>The fixed loopback ports of the local shop (README, "Local development"); overridable in configuration.</summary>
public sealed record LocalPorts(int Storefront, int OrderWorker, int DynamoDb, int Sqs, int Mailbox, int IdentityProvider, int S3)
{
    public static LocalPorts From(IConfiguration configuration) => new(
        configuration.GetValue("LocalPorts:Storefront", 5080),
        configuration.GetValue("LocalPorts:OrderWorker", 5081),
        configuration.GetValue("LocalPorts:DynamoDB", 8000),
        configuration.GetValue("LocalPorts:SQS", 9324),
        configuration.GetValue("LocalPorts:Mailbox", 8005),
        configuration.GetValue("LocalPorts:IdentityProvider", 5090),
        configuration.GetValue("LocalPorts:S3", 4569));
}

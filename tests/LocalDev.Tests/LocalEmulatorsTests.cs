using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using LocalDev.LocalAws;

namespace LocalDev.Tests;

/// <summary>Starting the emulators for a test run, as every fixture does.</summary>
public sealed class LocalEmulatorsTests
{
    [Fact]
    public async Task An_emulator_whose_port_was_taken_before_it_bound_it_is_started_again_on_another()
    {
        // Another process takes the port between its pick and DynamoDB Local's bind, as a parallel test project can.
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var picks = 0;

        await using var emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180),
            () => Interlocked.Increment(ref picks) == 1 ? takenPort : LocalProcesses.FreePort());
        using var dynamo = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = emulators.Names.DynamoDbUrl, AuthenticationRegion = emulators.Names.Region });
        var tables = await dynamo.ListTablesAsync();

        Assert.NotEqual(takenPort, new Uri(emulators.Names.DynamoDbUrl).Port);
        Assert.NotNull(tables.TableNames);
        Assert.True(picks > 4, "The emulators were not started a second time");
    }
}

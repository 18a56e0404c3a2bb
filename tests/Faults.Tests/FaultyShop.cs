extern alias Worker;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LocalDev.FaultProxy;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;
using WorkerProgram = Worker::Program;

namespace Faults.Tests;

/// <summary>
/// The whole shop on one machine with a fault-injecting proxy in front of each emulator: the Storefront on a real
/// port (shoppers sign in through the identity provider), the worker polling the orders queue, both configured as the
/// app host configures them except that their <c>Aws:ServiceUrls</c> name the proxies. Provisioning, seeding and the
/// test's own reads go to the emulators directly.
/// </summary>
public sealed class FaultyShop : IAsyncLifetime
{
    /// <summary>Every in-memory app watches its settings files; polling spares the user's 128 inotify instances.</summary>
    static FaultyShop() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    /// <summary>Each run draws the same faults in the same order (per proxy; which call meets which one depends on timing).</summary>
    public const int Seed = 19;

    /// <summary>Short, so a message whose batch is slow or cut off by the worker's restart comes back within the test,
    /// sometimes while its first delivery is still being processed (the template's is 180 s).</summary>
    public const int VisibilityTimeoutSeconds = 20;

    /// <summary>Shorter than the visibility timeout, as in AWS (there 2 minutes against 180 s), so a delivery cut off between
    /// an email's send and its record comes back to a lapsed claim and sends, as it would there; and longer than any
    /// send and record here take, even slowed by the faults on a busy machine (in AWS the function's timeout bounds
    /// them), so a twin delivery never finds the claim lapsed while its first is still sending.</summary>
    public const int EmailClaimLeaseSeconds = 15;

    /// <summary>The sweep re-sends an order still PENDING this long after it was placed (its smallest allowed value).</summary>
    public const int SweepPendingForSeconds = 10;

    private LocalEmulators? _emulators;
    private LocalIdentityProvider? _provider;
    private readonly string _providerData = Directory.CreateTempSubdirectory("identity-provider-").FullName;
    private WebApplicationFactory<Program>? _storefront;
    private WebApplicationFactory<WorkerProgram>? _worker;

    public string Origin { get; } = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");
    public Mailbox Mailbox => new(Names.SesUrl);
    public FaultInjectingProxy DynamoDb { get; private set; } = null!;
    public FaultInjectingProxy Sqs { get; private set; } = null!;
    public FaultInjectingProxy Ses { get; private set; } = null!;
    public string OrdersQueue => Names.QueueUrl("OrdersQueue");
    public string DeadLetterQueue => Names.QueueUrl("OrdersDeadLetterQueue");

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180));
        await Names.ProvisionAndSeedAsync(CancellationToken.None);
        using (var sqs = Names.Sqs())
        {
            await sqs.SetQueueAttributesAsync(OrdersQueue, new() { ["VisibilityTimeout"] = VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture) });
        }
        _provider = await LocalIdentityProvider.StartAsync([Origin], Names.SesUrl, _providerData, TimeSpan.FromSeconds(120));
        DynamoDb = await FaultInjectingProxy.StartAsync(AwsService.DynamoDB, Names.DynamoDbUrl, Seed);
        Sqs = await FaultInjectingProxy.StartAsync(AwsService.Sqs, Names.SqsUrl, Seed + 1);
        Ses = await FaultInjectingProxy.StartAsync(AwsService.Ses, Names.SesUrl, Seed + 2);
    }

    /// <summary>Turns the same plan on for every proxy (SES only before forwarding: see <see cref="FaultPlan"/>).</summary>
    public void InjectFaults(FaultPlan plan)
    {
        DynamoDb.Plan = plan;
        Sqs.Plan = plan;
        Ses.Plan = plan with { OnlyBeforeForwarding = true };
    }

    /// <summary>Products of the burst's own, with <paramref name="stock"/> units each, before the Storefront's first snapshot.</summary>
    public async Task<IReadOnlyList<string>> CreateProductsAsync(int count, int stock)
    {
        using var dynamo = Names.DynamoDb();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"burst-{i}-{Guid.NewGuid():N}"[..24];
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = "ProductsTable",
                Item = new()
                {
                    ["ProductId"] = new(id),
                    ["Name"] = new($"Burst product {i}"),
                    ["Description"] = new("Bought in the fault-injection burst."),
                    ["Category"] = new("burst"),
                    ["CategoryName"] = new("Burst"),
                    ["Price"] = new() { N = "5" },
                    ["Stock"] = new() { N = stock.ToString(CultureInfo.InvariantCulture) },
                    ["Image"] = new("images/placeholder.svg"),
                    ["FeaturedRank"] = new() { N = "999" },
                },
            });
            ids.Add(id);
        }
        return ids;
    }

    public void StartStorefront()
    {
        var settings = LocalStackSettings.For(Names, "StorefrontFunction", new Dictionary<string, string>(_provider!.SignIn.StorefrontConfiguration(Origin))
        {
            ["DataProtection__KeyEncryptionKey"] = LocalSecrets.NewKeyEncryptionKey(),
        });
        ThroughProxies(settings);
        // Twenty shoppers placing fifteen orders each in a couple of minutes are not abuse.
        settings["RateLimits__CheckoutsPerWindow"] = "1000";
        _storefront = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseLocalStack(settings).UseUrls(Origin));
        _storefront.UseKestrel();
        _storefront.StartServer();
    }

    /// <summary>Starts the worker polling the orders queue with several batches at once, and the sweep on a short timer.</summary>
    public void StartWorker()
    {
        var settings = LocalStackSettings.For(Names, "OrderWorkerFunction");
        ThroughProxies(settings);
        settings["ConfirmationEmail__StorefrontUrl"] = Origin;
        settings["QueuePolling__Enabled"] = "true";
        settings["QueuePolling__WaitTimeSeconds"] = "1";
        settings["Email__ClaimLease"] = TimeSpan.FromSeconds(EmailClaimLeaseSeconds).ToString("c", CultureInfo.InvariantCulture);
        settings["Sweep__TimerEnabled"] = "true";
        settings["Sweep__TimerIntervalSeconds"] = "2";
        settings["Sweep__PendingForSeconds"] = SweepPendingForSeconds.ToString(CultureInfo.InvariantCulture);
        // A real port: the poller POSTs each batch to the worker's own /events, as the Lambda Web Adapter does.
        _worker = new WebApplicationFactory<WorkerProgram>().WithWebHostBuilder(web => web.UseLocalStack(settings)
            .UseUrls($"http://127.0.0.1:{LocalProcesses.FreePort()}"));
        _worker.UseKestrel();
        _worker.StartServer();
    }

    /// <summary>Stops the worker, whatever its batches are doing (as a Lambda instance is recycled), and starts another.</summary>
    public async Task RestartWorkerAsync()
    {
        await StopWorkerAsync();
        StartWorker();
    }

    public async Task StopWorkerAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
            _worker = null;
        }
    }

    private void ThroughProxies(Dictionary<string, string?> settings)
    {
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["Aws__ServiceUrls__DynamoDB"] = DynamoDb.Url;
        settings["Aws__ServiceUrls__SQS"] = Sqs.Url;
        settings["Aws__ServiceUrls__SES"] = Ses.Url;
    }

    public async Task DisposeAsync()
    {
        await StopWorkerAsync();
        if (_storefront is not null)
        {
            await _storefront.DisposeAsync();
        }
        foreach (var proxy in new[] { DynamoDb, Sqs, Ses }.OfType<FaultInjectingProxy>())
        {
            await proxy.DisposeAsync();
        }
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }
        Directory.Delete(_providerData, recursive: true);
    }
}

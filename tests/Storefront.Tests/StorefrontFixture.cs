using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TestSupport;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>
/// The emulators, provisioned from serverless.template and seeded, the identity provider standing in for Cognito,
/// and the Storefront configured as the app host configures it. Started once for the collection.
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
    /// <summary>
    /// Every in-memory Storefront watches its settings files and, in Development, its static files, and each watcher
    /// holds an inotify instance, of which Linux allows 128 per user by default. A run starts more Storefronts than
    /// that, so their file watching polls instead (no test relies on a file change being noticed).
    /// </summary>
    static StorefrontFixture() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");

    private LocalEmulators? _emulators;
    private LocalIdentityProvider? _provider;
    private readonly string _providerData = Directory.CreateTempSubdirectory("identity-provider-").FullName;

    /// <summary>Where Storefronts served over real HTTP listen (registered with the provider up front).</summary>
    public IReadOnlyList<string> Origins { get; } =
        Enumerable.Range(0, 3).Select(_ => $"http://127.0.0.1:{LocalProcesses.FreePort()}").ToList();

    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");
    public LocalSignIn SignIn => _provider?.SignIn ?? throw new InvalidOperationException("Not started.");
    public Mailbox Mailbox => new(Names.SesUrl);
    public string KeyEncryptionKey { get; } = LocalSecrets.NewKeyEncryptionKey();
    public WebApplicationFactory<Program> Storefront { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180));
        await Names.ProvisionAndSeedAsync(CancellationToken.None);
        _provider = await LocalIdentityProvider.StartAsync(Origins, Names.SesUrl, _providerData, TimeSpan.FromSeconds(120));
        await ProvisionScratchProductsAsync();
        Storefront = CreateStorefront();
        Shopping = CreateShoppingStorefront();
    }

    /// <summary>Where <see cref="CreateProductAsync"/> puts products: not the seeded table, whose exact listings the
    /// catalog tests assert on.</summary>
    public const string ScratchProductsTable = "ScratchProductsTable";

    /// <summary>A Storefront selling the scratch products (see <see cref="CreateShoppingStorefront"/>).</summary>
    public WebApplicationFactory<Program> Shopping { get; private set; } = null!;

    /// <summary>A Storefront whose catalog is the scratch products table, for tests that buy products they made.</summary>
    public WebApplicationFactory<Program> CreateShoppingStorefront(IReadOnlyDictionary<string, string?>? overrides = null) =>
        CreateStorefront(new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>()) { ["Tables__Products"] = ScratchProductsTable });

    private async Task ProvisionScratchProductsAsync()
    {
        var products = JsonNode.Parse(File.ReadAllText(RepoPaths.Template))!["Resources"]!["ProductsTable"]!.DeepClone();
        var template = new JsonObject { ["Resources"] = new JsonObject { [ScratchProductsTable] = products } };
        using var dynamo = Names.DynamoDb();
        using var sqs = Names.Sqs();
        await new Provisioner(dynamo, sqs, Names).ProvisionAsync(ServerlessTemplate.Parse(template.ToJsonString()), CancellationToken.None);
    }

    /// <summary>An in-memory Storefront with the local stack's settings, <paramref name="overrides"/> applied last.</summary>
    public WebApplicationFactory<Program> CreateStorefront(IReadOnlyDictionary<string, string?>? overrides = null, string? listenOn = null)
    {
        var settings = StorefrontSettings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseLocalStack(settings).ConfigureTestServices(services => services.AddCapturedTelemetry());
            if (listenOn is not null)
            {
                web.UseUrls(listenOn);
            }
        });
    }

    /// <summary>The Storefront's settings as the app host gives them: the template's, with local stand-ins for the rest.</summary>
    public Dictionary<string, string?> StorefrontSettings() =>
        LocalStackSettings.For(Names, "StorefrontFunction", new Dictionary<string, string>(SignIn.StorefrontConfiguration(Origins[0]))
        {
            ["DataProtection__KeyEncryptionKey"] = KeyEncryptionKey,
        });

    /// <summary>
    /// A new orders table and orders/dead-letter queue pair, made from the template's definitions under new names, so
    /// a test can assert exact counts. Returns the settings that point a Storefront at them.
    /// </summary>
    public async Task<Dictionary<string, string?>> CreateIsolatedOrdersAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var resources = JsonNode.Parse(File.ReadAllText(RepoPaths.Template))!["Resources"]!;
        var (table, queue, deadLetter) = ($"OrdersTable{suffix}", $"OrdersQueue{suffix}", $"OrdersDeadLetterQueue{suffix}");
        var queueDefinition = resources["OrdersQueue"]!.DeepClone();
        queueDefinition["Properties"]!["RedrivePolicy"]!["deadLetterTargetArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(deadLetter, "Arn") };
        var template = new JsonObject
        {
            ["Resources"] = new JsonObject
            {
                [table] = resources["OrdersTable"]!.DeepClone(),
                [queue] = queueDefinition,
                [deadLetter] = resources["OrdersDeadLetterQueue"]!.DeepClone(),
            },
        };
        using var dynamo = Names.DynamoDb();
        using var sqs = Names.Sqs();
        await new Provisioner(dynamo, sqs, Names).ProvisionAsync(ServerlessTemplate.Parse(template.ToJsonString()), CancellationToken.None);
        return new()
        {
            ["Tables__Orders"] = table,
            ["Queues__Orders"] = Names.QueueUrl(queue),
            ["Queues__OrdersDeadLetter"] = Names.QueueUrl(deadLetter),
        };
    }

    /// <summary>A product of its own, so tests that take stock never affect each other (in <paramref name="table"/>:
    /// the scratch products table by default), stamped for the change index as the shop's own writes are unless
    /// <paramref name="byHand"/>.</summary>
    public async Task<string> CreateProductAsync(decimal price, int stock, string? name = null, string table = ScratchProductsTable, bool byHand = false)
    {
        var id = $"test-{Guid.NewGuid():N}";
        using var dynamo = Names.DynamoDb();
        var stamp = byHand ? [] : ProductsTable.ChangeStampValues();
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new(stamp.Select(s => KeyValuePair.Create(s.Key == ":changedAt" ? "ChangedAt" : "ChangeFeed", s.Value)))
            {
                ["ProductId"] = new() { S = id },
                ["Name"] = new() { S = name ?? $"Test product {id[^4..]}" },
                ["Description"] = new() { S = "Made for a test." },
                ["Category"] = new() { S = "test" },
                ["CategoryName"] = new() { S = "Test" },
                ["Price"] = new() { N = price.ToString(CultureInfo.InvariantCulture) },
                ["Stock"] = new() { N = stock.ToString(CultureInfo.InvariantCulture) },
                ["Image"] = new() { S = "images/placeholder.svg" },
                ["FeaturedRank"] = new() { N = "999" },
            },
        });
        return id;
    }

    /// <summary>A scratch product's stock as the table has it now.</summary>
    public async Task<int> StockOfAsync(string productId)
    {
        using var dynamo = Names.DynamoDb();
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = ScratchProductsTable,
            Key = new() { ["ProductId"] = new() { S = productId } },
            ConsistentRead = true,
        });
        return int.Parse(item.Item["Stock"].N, CultureInfo.InvariantCulture);
    }

    /// <summary>A Storefront on Kestrel at <see cref="Origins"/>[<paramref name="index"/>], so a browser can go
    /// back and forth between it and the provider.</summary>
    public WebApplicationFactory<Program> StartStorefront(int index, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>()) { ["Auth__PublicOrigin"] = Origins[index] };
        var storefront = CreateStorefront(settings, listenOn: Origins[index]);
        storefront.UseKestrel();
        storefront.StartServer();
        return storefront;
    }

    public async Task DisposeAsync()
    {
        await Storefront.DisposeAsync();
        await Shopping.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class StorefrontCollection : ICollectionFixture<StorefrontFixture>
{
    public const string Name = "Storefront";
}

using LocalDev.LocalAws;
using TestSupport;

namespace Bench.Stack;

/// <summary>
/// The local AWS stand-ins for one bench run, started the way the test fixtures start them: DynamoDB Local (in
/// memory) and the SQS/SES emulators on free loopback ports, provisioned from serverless.template and seeded, and the
/// local sign-in provider with the bench's Storefront registered as its client. Everything stops on dispose.
/// </summary>
public sealed class BenchStack : IAsyncDisposable
{
    private readonly LocalEmulators _emulators;
    private readonly LocalIdentityProvider _provider;
    private readonly string _providerData;
    private int _disposed;

    private BenchStack(LocalEmulators emulators, LocalIdentityProvider provider, string providerData, string storefrontOrigin)
    {
        _emulators = emulators;
        _provider = provider;
        _providerData = providerData;
        StorefrontOrigin = storefrontOrigin;
        Names = emulators.Names with { StorefrontUrl = storefrontOrigin };
    }

    public LocalStackNames Names { get; }

    /// <summary>Where the long-running Storefront listens: the origin registered with the sign-in provider.</summary>
    public string StorefrontOrigin { get; }

    public LocalSignIn SignIn => _provider.SignIn;

    /// <summary>One key-ring key for every Storefront of the run, so they all read the same key ring.</summary>
    public string KeyEncryptionKey { get; } = LocalSecrets.NewKeyEncryptionKey();

    public static async Task<BenchStack> StartAsync()
    {
        var emulators = Cleanup.Own(await LocalEmulators.StartAsync(TimeSpan.FromSeconds(90)));
        try
        {
            await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
            var origin = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
            var data = Directory.CreateTempSubdirectory("bench-identity-provider-").FullName;
            var provider = Cleanup.Own(await LocalIdentityProvider.StartAsync([origin], emulators.Names.SesUrl, data, TimeSpan.FromSeconds(60)));
            return Cleanup.Own(new BenchStack(emulators, provider, data, origin));
        }
        catch
        {
            await emulators.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The Storefront's settings. <paramref name="localSignIn"/>: as the app host runs it (Development, signing in
    /// with the local provider over http). Otherwise as in Lambda (Production): Production insists on https for
    /// sign-in, so the Cognito settings are https placeholders on a closed loopback port; anonymous pages never use them.
    /// </summary>
    public Dictionary<string, string> StorefrontSettings(bool localSignIn)
    {
        var local = localSignIn
            ? new Dictionary<string, string>(SignIn.StorefrontConfiguration(StorefrontOrigin))
            : new Dictionary<string, string>
            {
                ["Auth__Authority"] = "https://127.0.0.1:9/us-east-1_BenchPool",
                ["Auth__ClientId"] = "bench",
                ["Auth__ClientSecret"] = LocalSignIn.NewClientSecret(),
                ["Auth__CognitoDomain"] = "https://127.0.0.1:9",
                ["Auth__PublicOrigin"] = "https://storefront.bench.localhost",
            };
        local["DataProtection__KeyEncryptionKey"] = KeyEncryptionKey;
        var settings = Settings("StorefrontFunction", local);
        settings["ASPNETCORE_ENVIRONMENT"] = localSignIn ? "Development" : "Production";
        // Served by CloudFront from S3 in AWS; here the Storefront serves the copy in its package, so the page-weight
        // measurement can load them. A path prefix check per request is all it costs other pages.
        settings["Shop__StaticFilesPath"] = "static";
        // Each bench shopper orders as fast as the shop answers, far past a shopper's checkout rate limit (10 a
        // minute); the limiter's own cost per request stays in, its refusals stay out.
        settings["RateLimits__CheckoutsPerWindow"] = "1000";
        settings["RateLimits__Window"] = "00:00:01";
        return settings;
    }

    /// <summary>The OrderWorker's settings, polling the queue itself (the local stand-in for the event source mapping).
    /// The sweep timer stays off: it would re-send the orders a measurement deliberately leaves queued.</summary>
    public Dictionary<string, string> OrderWorkerSettings()
    {
        var settings = Settings("OrderWorkerFunction", null);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["QueuePolling__Enabled"] = "true";
        settings["Sweep__TimerEnabled"] = "false";
        return settings;
    }

    private Dictionary<string, string> Settings(string function, IReadOnlyDictionary<string, string>? localValues) =>
        ServerlessTemplate.Load(RepoPaths.Template).AppConfiguration(function, Names, localValues)
            .Concat(Names.ClientConfiguration())
            .ToDictionary(s => s.Key, s => s.Value);

    public Mailbox Mailbox => new(Names.SesUrl);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _provider.DisposeAsync();
        await _emulators.DisposeAsync();
        Directory.Delete(_providerData, recursive: true);
    }
}

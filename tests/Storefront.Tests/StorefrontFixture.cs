using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>
/// The emulators, provisioned from serverless.template and seeded, the identity provider standing in for Cognito,
/// and the Storefront configured as the app host configures it. Started once for the collection.
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
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
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(90));
        await Names.ProvisionAndSeedAsync(CancellationToken.None);
        _provider = await LocalIdentityProvider.StartAsync(Origins, Names.SesUrl, _providerData, TimeSpan.FromSeconds(60));
        Storefront = CreateStorefront();
    }

    /// <summary>An in-memory Storefront with the local stack's settings, <paramref name="overrides"/> applied last.</summary>
    public WebApplicationFactory<Program> CreateStorefront(IReadOnlyDictionary<string, string?>? overrides = null, string? listenOn = null)
    {
        var localValues = new Dictionary<string, string>(SignIn.StorefrontConfiguration(Origins[0]))
        {
            ["DataProtection__KeyEncryptionKey"] = KeyEncryptionKey,
        };
        var settings = LocalStackSettings.For(Names, "StorefrontFunction", localValues);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseLocalStack(settings);
            if (listenOn is not null)
            {
                web.UseUrls(listenOn);
            }
        });
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

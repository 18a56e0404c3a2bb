using LocalDev.LocalAws;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport;

namespace Storefront.Tests;

/// <summary>
/// The emulators, provisioned from serverless.template and seeded, and the Storefront configured as the app host
/// configures it. Started once for the collection.
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
    private LocalEmulators? _emulators;

    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");
    public WebApplicationFactory<Program> Storefront { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(90));
        await Names.ProvisionAndSeedAsync(CancellationToken.None);
        Storefront = CreateStorefront();
    }

    /// <summary>A Storefront with the local stack's settings, <paramref name="overrides"/> applied last.</summary>
    public WebApplicationFactory<Program> CreateStorefront(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = LocalStackSettings.For(Names, "StorefrontFunction");
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseLocalStack(settings));
    }

    public async Task DisposeAsync()
    {
        await Storefront.DisposeAsync();
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StorefrontCollection : ICollectionFixture<StorefrontFixture>
{
    public const string Name = "Storefront";
}

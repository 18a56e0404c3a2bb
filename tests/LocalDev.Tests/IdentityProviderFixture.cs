using LocalDev.LocalAws;
using TestSupport;
using TestSupport.Browsing;

namespace LocalDev.Tests;

/// <summary>
/// The emulators (the provider mails codes through SES) and the identity provider, with a throwaway data directory
/// and one registered app whose callback the tests stop at instead of following. Started once for the collection.
/// </summary>
public sealed class IdentityProviderFixture : IAsyncLifetime
{
    private LocalEmulators? _emulators;
    private LocalIdentityProvider? _provider;

    public string AppOrigin { get; } = $"http://127.0.0.1:{LocalProcesses.FreePort()}";
    public string RedirectUri => $"{AppOrigin}/signin-oidc";
    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");
    public LocalSignIn SignIn => _provider?.SignIn ?? throw new InvalidOperationException("Not started.");
    public Mailbox Mailbox => new(Names.SesUrl);
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("identity-provider-").FullName;

    public async Task InitializeAsync()
    {
        _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180));
        _provider = await StartProviderAsync(DataDirectory);
    }

    /// <summary>Another provider for the same app, e.g. on the same data directory (a restart) or with other settings.</summary>
    public Task<LocalIdentityProvider> StartProviderAsync(string dataDirectory, IReadOnlyDictionary<string, string>? overrides = null) =>
        LocalIdentityProvider.StartAsync([AppOrigin], Names.SesUrl, dataDirectory, TimeSpan.FromSeconds(120), overrides);

    public async Task DisposeAsync()
    {
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }
        Directory.Delete(DataDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityProviderCollection : ICollectionFixture<IdentityProviderFixture>
{
    public const string Name = "IdentityProvider";
}

using LocalDev.LocalAws;

namespace LocalDev.Tests;

/// <summary>The emulators, started once for every test in the collection and stopped after.</summary>
public sealed class EmulatorsFixture : IAsyncLifetime
{
    private LocalEmulators? _emulators;

    public LocalStackNames Names => _emulators?.Names ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _emulators = await LocalEmulators.StartAsync(TimeSpan.FromSeconds(180));

    public async Task DisposeAsync()
    {
        if (_emulators is not null)
        {
            await _emulators.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorsCollection : ICollectionFixture<EmulatorsFixture>
{
    public const string Name = "Emulators";
}

namespace LocalDev.LocalAws;

/// <summary>
/// Starts the identity provider on a free loopback port for a test run, waits until it answers, and stops it on
/// dispose. The app host starts the same project itself, on its fixed port.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private readonly LocalProcesses _processes = new();

    private LocalIdentityProvider(LocalSignIn signIn) => SignIn = signIn;

    public LocalSignIn SignIn { get; }

    /// <param name="storefrontOrigins">The Storefront origins to register as callback and sign-out URLs.</param>
    /// <param name="overrides">Provider settings to change, e.g. <c>Provider__ConfirmationCodeLifetime</c>.</param>
    public static async Task<LocalIdentityProvider> StartAsync(
        IReadOnlyList<string> storefrontOrigins, string sesUrl, string dataDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? overrides = null)
    {
        var port = LocalProcesses.FreePort();
        var provider = new LocalIdentityProvider(new LocalSignIn(port, storefrontOrigins, LocalSignIn.NewClientSecret()));
        var settings = provider.SignIn.ProviderConfiguration(sesUrl, dataDirectory);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }
        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            var process = provider._processes.Start(EmulatorCommands.IdentityProvider(port, settings));
            await LocalProcesses.WaitForHttpAsync($"{provider.SignIn.ProviderUrl}/healthz", process, deadline.Token);
            return provider;
        }
        catch (Exception e)
        {
            var output = provider._processes.Output;
            await provider.DisposeAsync();
            throw new InvalidOperationException($"The identity provider did not start: {e.Message}\n{output}", e);
        }
    }

    public string Output => _processes.Output;

    public ValueTask DisposeAsync() => _processes.DisposeAsync();
}

using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using TestSupport;

namespace EndToEnd.Tests;

/// <summary>
/// The whole shop, started once per test run from the same app host as <c>./run.sh</c> (emulators, provisioning, the
/// hosted-UI stand-in, Storefront, OrderWorker with its poller) on free ports, with an in-memory DynamoDB and the
/// identity provider's users in a temporary folder, and a headless Chromium.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private readonly string _identityData = Directory.CreateTempSubdirectory("e2e-identity-provider-").FullName;
    private DistributedApplication? _app;
    private IPlaywright? _playwright;

    public string StorefrontUrl { get; private set; } = "";
    public string IdentityProviderUrl { get; private set; } = "";
    /// <summary>The SES emulator: its web UI and <c>GET /store</c> hold every email sent.</summary>
    public string MailboxUrl { get; private set; } = "";
    public Mailbox Mailbox { get; private set; } = null!;
    /// <summary>Where the identity provider keeps its users: its <c>make-admin</c> command edits them there.</summary>
    public string IdentityProviderDataDirectory => _identityData;
    public string DynamoDbUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ports = new
        {
            Storefront = FreePort(), OrderWorker = FreePort(), DynamoDb = FreePort(), Sqs = FreePort(), Mailbox = FreePort(),
            IdentityProvider = FreePort(), S3 = FreePort(),
        };
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--LocalPorts:Storefront={ports.Storefront}", $"--LocalPorts:OrderWorker={ports.OrderWorker}",
            $"--LocalPorts:DynamoDB={ports.DynamoDb}", $"--LocalPorts:SQS={ports.Sqs}", $"--LocalPorts:Mailbox={ports.Mailbox}",
            $"--LocalPorts:IdentityProvider={ports.IdentityProvider}", $"--LocalPorts:S3={ports.S3}",
            "--LocalStack:DynamoDbDataPath=", $"--LocalStack:IdentityProviderDataPath={_identityData}",
        ]);
        _app = await appHost.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("identity-provider", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("storefront", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("orderworker", timeout.Token);
        StorefrontUrl = $"http://127.0.0.1:{ports.Storefront}";
        IdentityProviderUrl = $"http://127.0.0.1:{ports.IdentityProvider}";
        MailboxUrl = $"http://127.0.0.1:{ports.Mailbox}";
        DynamoDbUrl = $"http://127.0.0.1:{ports.DynamoDb}";
        Mailbox = new Mailbox(MailboxUrl);

        // A shared machine is slow at times: give conditions room, still bounded.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No GPU or QUIC here, and Chromium must not reach for the network on its own.
            Args = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>The identity provider's <c>make-admin</c> command on this run's users: the group is in the user's
    /// tokens from their next sign-in.</summary>
    public async Task MakeAdminAsync(string email)
    {
        using var command = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
            [LocalDev.LocalAws.RepoPaths.IdentityProviderAssembly, "make-admin", email, $"--Provider:DataDirectory={_identityData}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await command.StandardOutput.ReadToEndAsync() + await command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        Assert.True(command.ExitCode == 0, $"make-admin {email} failed: {output}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        try
        {
            Directory.Delete(_identityData, recursive: true);
        }
        catch (IOException)
        {
            // The provider may still be letting go of a file; the folder is in the temp directory anyway.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class ShopCollection : ICollectionFixture<ShopFixture>
{
    public const string Name = "Shop";
}

using System.Net;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>
/// The whole shop, started once per test run from the same app host as <c>./run.sh</c> (emulators, provisioning,
/// Storefront, OrderWorker with its poller) on free ports with an in-memory DynamoDB, and a headless Chromium.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    private DistributedApplication? _app;
    private IPlaywright? _playwright;

    public string StorefrontUrl { get; private set; } = "";
    public string MailboxUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var ports = new { Storefront = FreePort(), OrderWorker = FreePort(), DynamoDb = FreePort(), Sqs = FreePort(), Mailbox = FreePort() };
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--LocalPorts:Storefront={ports.Storefront}", $"--LocalPorts:OrderWorker={ports.OrderWorker}",
            $"--LocalPorts:DynamoDB={ports.DynamoDb}", $"--LocalPorts:SQS={ports.Sqs}", $"--LocalPorts:Mailbox={ports.Mailbox}",
            "--LocalStack:DynamoDbDataPath=",
        ]);
        _app = await appHost.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("storefront", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("orderworker", timeout.Token);
        StorefrontUrl = $"http://127.0.0.1:{ports.Storefront}";
        MailboxUrl = $"http://127.0.0.1:{ports.Mailbox}";

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

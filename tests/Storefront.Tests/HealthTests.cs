using System.Net;
using System.Net.Sockets;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class HealthTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_ok_when_DynamoDB_and_SQS_answer()
    {
        using var client = shop.Storefront.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Readiness_fails_but_liveness_holds_when_the_products_table_is_missing()
    {
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Tables__Products"] = "NoSuchTable" });
        using var client = storefront.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Liveness_answers_before_the_key_ring_could_be_read()
    {
        // DynamoDB that takes connections and never answers: the key ring (and the catalog) cannot be read meanwhile.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        await using var storefront = shop.CreateStorefront(new Dictionary<string, string?>
        {
            ["Aws__ServiceUrls__DynamoDB"] = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}",
        });

        // Starting the host waits for every hosted service's start; the SDK would wait minutes for the silent table.
        var live = Task.Run(async () =>
        {
            using var client = storefront.CreateClient();
            return (await client.GetAsync("/healthz")).StatusCode;
        });

        Assert.Same(live, await Task.WhenAny(live, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(HttpStatusCode.OK, await live);
    }

    [Fact]
    public void A_missing_setting_stops_start_up_with_a_message_naming_it()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Queues__Orders"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => storefront.CreateClient());

        Assert.Contains("Orders", error.ToString());
    }
}

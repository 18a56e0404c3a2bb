using System.Net;

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
    public void A_missing_setting_stops_start_up_with_a_message_naming_it()
    {
        using var storefront = shop.CreateStorefront(new Dictionary<string, string?> { ["Queues__Orders"] = "" });

        var error = Assert.ThrowsAny<Exception>(() => storefront.CreateClient());

        Assert.Contains("Orders", error.ToString());
    }
}

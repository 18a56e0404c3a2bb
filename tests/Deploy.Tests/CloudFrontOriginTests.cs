extern alias StorefrontApp;

using System.Net;
using Deploy.Tests.Template;
using Microsoft.Extensions.Options;
using static Deploy.Tests.FunctionSettingsTests;

namespace Deploy.Tests;

/// <summary>
/// The Storefront, with its function's settings, serves only what came through CloudFront: the header value the
/// template gives the distribution's API origin. The API's own URL stays public, so this is what keeps the
/// distribution's headers and throttling from being bypassed.
/// </summary>
public sealed class CloudFrontOriginTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    /// <summary>What CloudFront sends the API origin in X-Origin-Verify, as the deployment would resolve it.</summary>
    private static string SentByCloudFront => CloudSettings.Resolve(Template,
        Template.PropertiesOf("Distribution")["DistributionConfig"]!["Origins"]!.AsArray()
            .Single(o => o!["Id"]!.GetValue<string>() == "StorefrontApi")!["OriginCustomHeaders"]!.AsArray()
            .Single(h => h!["HeaderName"]!.GetValue<string>() == "X-Origin-Verify")!["HeaderValue"]);

    [Fact]
    public async Task A_request_that_did_not_come_through_CloudFront_is_refused_and_one_that_did_is_served()
    {
        await using var app = Start<StorefrontApp::Program>(CloudSettings.For(Template, "StorefrontFunction"));
        using var client = app.CreateClient();

        using var direct = await client.GetAsync("/api/orders/any");
        using var throughCloudFront = await SendAsync(client, "/api/orders/any", SentByCloudFront);

        Assert.Equal(HttpStatusCode.Forbidden, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, throughCloudFront.StatusCode); // reached the API: it asks for a token
    }

    [Fact]
    public async Task A_wrong_or_repeated_secret_is_refused()
    {
        await using var app = Start<StorefrontApp::Program>(CloudSettings.For(Template, "StorefrontFunction"));
        using var client = app.CreateClient();
        var wrong = SentByCloudFront[..^1] + (SentByCloudFront[^1] == 'x' ? 'y' : 'x');

        using var guessed = await SendAsync(client, "/api/orders/any", wrong);
        using var repeated = await SendAsync(client, "/api/orders/any", SentByCloudFront, wrong);

        Assert.Equal(HttpStatusCode.Forbidden, guessed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, repeated.StatusCode);
    }

    [Fact]
    public async Task The_adapters_readiness_check_needs_no_secret()
    {
        await using var app = Start<StorefrontApp::Program>(CloudSettings.For(Template, "StorefrontFunction"));
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task In_Development_nothing_is_checked()
    {
        await using var app = Start<StorefrontApp::Program>(CloudSettings.For(Template, "StorefrontFunction"), "Development");
        using var client = app.CreateClient();

        using var direct = await client.GetAsync("/api/orders/any");

        Assert.Equal(HttpStatusCode.Unauthorized, direct.StatusCode);
    }

    [Fact]
    public async Task In_Lambda_a_Storefront_without_the_secret_refuses_to_start_and_names_it()
    {
        var settings = CloudSettings.For(Template, "StorefrontFunction");
        settings["CloudFront__OriginSecret"] = "";

        await using var app = Start<StorefrontApp::Program>(settings);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("CloudFront:OriginSecret", error.Message, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, params string[] secrets)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Origin-Verify", secrets);
        return client.SendAsync(request);
    }
}

extern alias OrderWorkerApp;
extern alias StorefrontApp;

using Deploy.Tests.Template;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Deploy.Tests;

/// <summary>
/// Each app starts with nothing but its appsettings.json and the settings its function gets from the template, as in
/// Lambda: every option the app validates at start-up must be set there. Nothing AWS is called at start-up, so no
/// emulator is needed.
/// </summary>
public sealed class FunctionSettingsTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public async Task The_Storefront_starts_with_only_the_settings_its_function_gets_from_the_template()
    {
        await using var app = Start<StorefrontApp::Program>(CloudSettings.For(Template, "StorefrontFunction"));

        using var client = app.CreateClient();
        var health = await client.GetAsync("/healthz");

        Assert.True(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode}");
    }

    [Fact]
    public async Task The_OrderWorker_starts_with_only_the_settings_its_function_gets_from_the_template()
    {
        await using var app = Start<OrderWorkerApp::Program>(CloudSettings.For(Template, "OrderWorkerFunction"));

        using var client = app.CreateClient();
        var health = await client.GetAsync("/healthz");

        Assert.True(health.IsSuccessStatusCode, $"/healthz answered {(int)health.StatusCode}");
    }

    [Fact]
    public void The_worker_handles_every_record_of_a_batch_the_queue_mapping_delivers_at_once()
    {
        var mapping = Assert.Single(Template.OfType("AWS::Lambda::EventSourceMapping"),
            m => CfnTemplate.TargetOf(m.Properties["FunctionName"]) == "OrderWorkerFunction");

        Assert.Equal(OrderWorkerApp::OrderWorker.Queue.OrderEventBatch.RecordsAtOnce.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CfnTemplate.Number(mapping.Properties["BatchSize"]));
    }

    [Fact]
    public async Task An_app_whose_function_lacks_a_required_setting_refuses_to_start_and_names_it()
    {
        var settings = CloudSettings.For(Template, "StorefrontFunction");
        settings.Remove("Tables__Products");

        await using var app = Start<StorefrontApp::Program>(settings);

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Products", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_a_function_setting_may_name_has_a_default_or_a_sample_value()
    {
        var missing = Template.Parameters.Where(p => p.Value?["Default"] is null && !CloudSettings.SampleParameters.ContainsKey(p.Key)).Select(p => p.Key);

        Assert.Empty(missing);
    }

    /// <summary>Production environment (no appsettings.Development.json) unless told, in "Lambda" (JSON logs), with the given settings only.</summary>
    internal static WebApplicationFactory<TProgram> Start<TProgram>(IReadOnlyDictionary<string, string?> settings, string environment = "Production")
        where TProgram : class =>
        new WebApplicationFactory<TProgram>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting("AWS_LAMBDA_FUNCTION_NAME", typeof(TProgram).Assembly.GetName().Name);
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
        });
}

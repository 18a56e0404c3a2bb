using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;
using Storefront.Site;

namespace Storefront.KeyRing;

public static class KeyRingServiceCollectionExtensions
{
    /// <summary>
    /// One data-protection key ring for every Storefront instance (Lambda runs many, and recycles them): kept in
    /// DynamoDB, encrypted there with the configured key-encryption key. Cookies, antiforgery tokens and the sign-in
    /// state made by one instance are then read by any other.
    /// </summary>
    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => KeyRingOptions.IsValidKey(o.KeyEncryptionKey), "DataProtection:KeyEncryptionKey must be base64 of 32 bytes")
            .ValidateOnStart();
        builder.Services.AddOptions<TableOptions>().Validate(t => t.KeyRing.Length > 0, "Tables:KeyRing is required").ValidateOnStart();
        // A fixed name, not the default (the content root path), so every instance shares one set of purposes.
        builder.Services.AddDataProtection().SetApplicationName("Storefront");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options =>
            {
                var ring = services.GetRequiredService<IOptions<KeyRingOptions>>().Value;
                var table = services.GetRequiredService<IOptions<TableOptions>>().Value.KeyRing;
                options.XmlRepository = new DynamoDbXmlRepository(services.GetRequiredService<IAmazonDynamoDB>(), table);
                options.XmlEncryptor = new KeyRingEncryptor(Convert.FromBase64String(ring.KeyEncryptionKey));
            }));
        // Reading the key ring is a DynamoDB call and a decryption that the first antiforgery token would wait for.
        builder.Services.AddStartUpWork("key ring", (services, _) =>
        {
            services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Storefront.StartUp").Protect([0]);
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>
    /// Takes out data protection's own hosted service, which reads the key ring before Kestrel starts: a DynamoDB call
    /// and a decryption that a cold start would wait for ahead of building the pipeline. The key ring's start-up work
    /// above reads it beside that instead (bench/RESULTS.md, "The key ring beside Kestrel's start-up"). Called once every part has added its
    /// services: adding data protection again (authentication and antiforgery do) adds that service back.
    /// </summary>
    public static void ReadKeyRingBesideStartUp(this IServiceCollection services)
    {
        var dataProtection = typeof(KeyManagementOptions).Assembly;
        foreach (var preload in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToList())
        {
            services.Remove(preload);
        }
    }
}

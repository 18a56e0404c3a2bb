using LocalDev.LocalAws;

namespace AppHost;

public static class ShopConfiguration
{
    /// <summary>
    /// Gives an app the configuration its Lambda function gets in serverless.template, resolved to the local stack,
    /// plus the emulator endpoints and dummy credentials. <paramref name="localValues"/> stand in for settings whose
    /// AWS value has no local counterpart (Cognito's, the deployment's secrets).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithShopConfiguration(
        this IResourceBuilder<ProjectResource> app, ServerlessTemplate template, string functionLogicalId, LocalStackNames names,
        IReadOnlyDictionary<string, string>? localValues = null)
    {
        app.WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development");
        foreach (var (key, value) in template.AppConfiguration(functionLogicalId, names, localValues).Concat(names.ClientConfiguration()))
        {
            app.WithEnvironment(key, value);
        }
        return app;
    }
}

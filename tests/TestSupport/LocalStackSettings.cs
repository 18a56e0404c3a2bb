using LocalDev.LocalAws;
using Microsoft.AspNetCore.Hosting;

namespace TestSupport;

/// <summary>Configures an app under test exactly as the app host does: the template's settings for its function.</summary>
public static class LocalStackSettings
{
    /// <param name="localValues">Stand-ins for settings with no local counterpart in AWS terms (Cognito's, secrets).</param>
    public static Dictionary<string, string?> For(
        LocalStackNames names, string functionLogicalId, IReadOnlyDictionary<string, string>? localValues = null) =>
        ServerlessTemplate.Load(RepoPaths.Template).AppConfiguration(functionLogicalId, names, localValues)
            .Concat(names.ClientConfiguration())
            .ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>Applies environment-style settings: <c>A__B</c> as configuration, the rest (credentials) as environment.</summary>
    public static IWebHostBuilder UseLocalStack(this IWebHostBuilder web, IReadOnlyDictionary<string, string?> settings)
    {
        web.UseEnvironment("Development");
        foreach (var (key, value) in settings)
        {
            if (key.Contains("__", StringComparison.Ordinal))
            {
                web.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
            }
            else
            {
                // The SDK's default chain reads these from the environment, as it reads the role's in Lambda.
                Environment.SetEnvironmentVariable(key, value);
            }
        }
        return web;
    }
}

using System.Reflection;

namespace LocalDev.LocalAws;

/// <summary>Finds files of the repository from wherever a local tool or test runs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "serverless.template");
    public static string SeedCatalog => Path.Combine(Root, "LocalDev", "Seed", "catalog.json");
    public static string NodeModules => Path.Combine(Root, "node_modules");
    public static string EmulatorsScript => Path.Combine(Root, "LocalDev", "Emulators", "emulators.mjs");

    /// <summary>The built identity provider, in the configuration this assembly was built in (projects that start it
    /// reference it so it is built first).</summary>
    public static string IdentityProviderAssembly => Path.Combine(Root, "LocalDev", "IdentityProvider", "bin",
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
        "net10.0", "IdentityProvider.dll");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Storefront.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"Could not find the repository root (Storefront.sln) above {AppContext.BaseDirectory}.");
    }
}

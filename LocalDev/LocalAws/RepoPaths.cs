namespace LocalDev.LocalAws;

/// <summary>Finds files of the repository from wherever a local tool or test runs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "serverless.template");
    public static string SeedCatalog => Path.Combine(Root, "LocalDev", "Seed", "catalog.json");
    public static string NodeModules => Path.Combine(Root, "node_modules");
    public static string EmulatorsScript => Path.Combine(Root, "LocalDev", "Emulators", "emulators.mjs");

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

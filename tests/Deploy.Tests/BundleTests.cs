using System.Buffers.Binary;
using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using LocalDev.LocalAws;

namespace Deploy.Tests;

/// <summary>
/// Publishes each function the way README's Deploy section says (<c>dotnet publish &lt;Project&gt; -c Release
/// -r linux-x64 -o &lt;Project&gt;/bin/lambda</c>, here into a temporary folder) once for the class.
/// </summary>
public sealed class LambdaBundles : IDisposable
{
    public LambdaBundles()
    {
        Root = Directory.CreateTempSubdirectory("lambda-bundles-").FullName;
        foreach (var function in Template.FunctionIds)
        {
            var project = CfnTemplate.Text(Template.PropertiesOf(function)["Handler"])!;
            Folders[function] = Publish(project, Path.Combine(Root, project));
        }
    }

    public CfnTemplate Template { get; } = CfnTemplate.Load();

    /// <summary>The runtime identifier the template's default Architecture needs.</summary>
    public string RuntimeIdentifier => CfnTemplate.Text(Template.Parameters["Architecture"]?["Default"]) == "arm64" ? "linux-arm64" : "linux-x64";

    public string Root { get; }

    public Dictionary<string, string> Folders { get; } = [];

    private string Publish(string project, string output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "publish", project, "-c", "Release", "-r", RuntimeIdentifier, "-o", output, "--nologo", "-v", "quiet", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }
        // The test host's MSBuild variables would point the child build at the test run's MSBuild.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        var (exitCode, stdout, stderr) = ChildProcess.Run(start, TimeSpan.FromMinutes(8));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {project} failed ({exitCode}):\n{stdout}\n{stderr}");
        }
        return output;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class BundleTests(LambdaBundles bundles) : IClassFixture<LambdaBundles>
{
    public static TheoryData<string> Functions => new(CfnTemplate.Load().FunctionIds);

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_handler_is_an_executable_for_the_functions_architecture(string function)
    {
        var handler = Path.Combine(bundles.Folders[function], Handler(function));

        Assert.True(File.Exists(handler), $"{Handler(function)} is missing from the bundle; the adapter's /opt/bootstrap runs $LAMBDA_TASK_ROOT/$_HANDLER");
        if (!OperatingSystem.IsWindows()) // a bundle zipped on Windows has no execute bits at all; publish on Linux or macOS
        {
            Assert.True(File.GetUnixFileMode(handler).HasFlag(UnixFileMode.UserExecute), $"{handler} is not executable");
        }
        var header = new byte[20];
        using (var file = File.OpenRead(handler))
        {
            file.ReadExactly(header);
        }
        Assert.Equal("\u007fELF"u8.ToArray(), header[..4]);
        var machine = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(18));
        Assert.Equal(bundles.RuntimeIdentifier == "linux-arm64" ? (ushort)183 : (ushort)62, machine); // EM_AARCH64 or EM_X86_64
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_bundle_runs_on_the_runtimes_shared_dotnet10_frameworks(string function)
    {
        var folder = bundles.Folders[function];
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"{Handler(function)}.runtimeconfig.json")))!["runtimeOptions"]!;

        Assert.Null(config["includedFrameworks"]); // framework-dependent: the dotnet10 runtime supplies .NET
        var frameworks = (config["frameworks"]?.AsArray() ?? [config["framework"]?.DeepClone()])
            .Select(f => (Name: f?["name"]?.GetValue<string>(), Version: f?["version"]?.GetValue<string>() ?? "")).ToList();
        Assert.Contains(frameworks, f => f.Name == "Microsoft.NETCore.App" && f.Version.StartsWith("10.", StringComparison.Ordinal));
        Assert.Contains(frameworks, f => f.Name == "Microsoft.AspNetCore.App" && f.Version.StartsWith("10.", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(folder, "libcoreclr.so")), "the bundle carries its own runtime");
        // Prices are formatted with the shop's culture: invariant globalization would print ¤ instead of $.
        Assert.NotEqual("true", config["configProperties"]?["System.Globalization.Invariant"]?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_bundle_is_precompiled_and_starts_without_tiered_PGO_for_a_quicker_cold_start(string function)
    {
        var folder = bundles.Folders[function];
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, $"{Handler(function)}.runtimeconfig.json")))!["runtimeOptions"]!;
        using var assembly = new PEReader(File.OpenRead(Path.Combine(folder, $"{Handler(function)}.dll")));

        Assert.Equal("false", config["configProperties"]?["System.Runtime.TieredPGO"]?.ToJsonString());
        // ReadyToRun code sits behind the managed native header; an IL-only assembly has none.
        Assert.True(assembly.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, $"{Handler(function)}.dll is not ReadyToRun");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void The_bundle_holds_the_app_its_dependencies_and_its_appsettings(string function)
    {
        var folder = bundles.Folders[function];

        foreach (var file in new[] { $"{Handler(function)}.dll", $"{Handler(function)}.deps.json", "Shop.Shared.dll", "AWSSDK.Core.dll", "appsettings.json" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {function}'s bundle");
        }
        var size = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        Assert.True(size < 50 * 1024 * 1024, $"{function}'s bundle is {size / 1024 / 1024} MB; Lambda takes at most 50 MB zipped");
    }

    private string Handler(string function) => CfnTemplate.Text(bundles.Template.PropertiesOf(function)["Handler"])!;
}

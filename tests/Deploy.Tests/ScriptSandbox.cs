using System.Diagnostics;
using LocalDev.LocalAws;

namespace Deploy.Tests;

/// <summary>
/// A copy of some of the repository's files, where one of its shell scripts runs with stand-ins for the commands it
/// calls first on PATH. Each stand-in is a small bash script; <c>$CALLS</c> is where they record their arguments and
/// <c>$STUB_STATE</c> a folder where they may remember what they were asked to make.
/// </summary>
public sealed class ScriptSandbox : IDisposable
{
    public ScriptSandbox(params string[] files)
    {
        foreach (var file in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Clone, file))!);
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(Clone, file));
        }
    }

    public string Clone { get; } = Directory.CreateTempSubdirectory("script-clone-").FullName;

    private string Stubs { get; } = Directory.CreateTempSubdirectory("script-stubs-").FullName;

    public string CallsFile => Path.Combine(Stubs, "calls.log");

    public List<string> Calls() => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile).ToList() : [];

    public void Stub(string command, string script)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The scripts are bash: run them (and these tests) on Linux, macOS or WSL.");
        }
        var path = Path.Combine(Stubs, command);
        File.WriteAllText(path, script);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Runs <paramref name="script"/> of the copy to its end (at most 2 minutes); its output and error output together.</summary>
    public (int ExitCode, string Output) Run(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Clone, script)) { WorkingDirectory = Clone };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PATH"] = $"{Stubs}{Path.PathSeparator}{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["CALLS"] = CallsFile;
        start.Environment["STUB_STATE"] = Stubs;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var (exitCode, output, error) = ChildProcess.Run(start, TimeSpan.FromMinutes(2));
        return (exitCode, output + error);
    }

    public void Dispose()
    {
        Directory.Delete(Clone, recursive: true);
        Directory.Delete(Stubs, recursive: true);
    }
}

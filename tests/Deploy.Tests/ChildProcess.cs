using System.Diagnostics;

namespace Deploy.Tests;

/// <summary>Runs a program to its end and returns what it wrote; one that outlives its limit is killed with its children.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(ProcessStartInfo start, TimeSpan limit)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList)} took longer than {limit}.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}

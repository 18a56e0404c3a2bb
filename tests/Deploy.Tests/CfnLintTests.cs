using System.Diagnostics;
using LocalDev.LocalAws;

namespace Deploy.Tests;

/// <summary>
/// AWS's own template linter (cfn-lint 1.51.0 on these machines) finds no error and no warning in serverless.template.
/// Where cfn-lint is not installed the test is skipped, saying so.
/// </summary>
public sealed class CfnLintTests
{
    [CfnLintFact]
    public void Cfn_lint_finds_no_error_or_warning_in_the_template()
    {
        var start = new ProcessStartInfo(CfnLintFactAttribute.Executable!) { WorkingDirectory = RepoPaths.Root };
        foreach (var argument in new[] { "--format", "parseable", "--", "serverless.template" })
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, error) = ChildProcess.Run(start, TimeSpan.FromMinutes(2));

        // Exit code bits: 2 errors, 4 warnings (informational findings, 8, are not shown without --include-checks I).
        Assert.True(exitCode == 0, $"cfn-lint exited {exitCode}:\n{output}{error}");
    }
}

/// <summary>A fact that runs only where cfn-lint is on PATH.</summary>
public sealed class CfnLintFactAttribute : FactAttribute
{
    public static readonly string? Executable = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "cfn-lint.exe" : "cfn-lint"))
        .FirstOrDefault(File.Exists);

    public CfnLintFactAttribute()
    {
        if (Executable is null)
        {
            Skip = "cfn-lint is not installed (pip install cfn-lint==1.51.0): serverless.template was not linted";
        }
    }
}

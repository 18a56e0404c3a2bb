using System.Text.RegularExpressions;
using LocalDev.LocalAws;

namespace Deploy.Tests;

/// <summary>The deploy commands README gives work as written.</summary>
public sealed partial class ReadmeDeployTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    /// <summary>Each shell command of README's code blocks, its continuation lines joined.</summary>
    private static IEnumerable<string> Commands() =>
        CodeBlock().Matches(Readme).SelectMany(block => block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'));

    [Fact]
    public void Every_aws_cloudformation_deploy_command_names_the_artifact_bucket()
    {
        // The packaged template is over the 51,200 bytes CloudFormation takes inline; deploy uploads it to this bucket.
        var deploys = Commands().Where(c => c.TrimStart().StartsWith("aws cloudformation deploy", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(deploys);
        Assert.All(deploys, command => Assert.Contains("--s3-bucket", command, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}

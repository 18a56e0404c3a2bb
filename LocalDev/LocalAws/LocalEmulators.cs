namespace LocalDev.LocalAws;

/// <summary>
/// Starts DynamoDB Local and the SQS/SES/S3 emulators on free loopback ports, waits until they answer, and stops them
/// (with their child processes) on dispose. Used by the test fixtures; the app host starts the same commands itself.
/// </summary>
public sealed class LocalEmulators : IAsyncDisposable
{
    private readonly LocalProcesses _processes = new();

    private LocalEmulators(LocalStackNames names) => Names = names;

    public LocalStackNames Names { get; }

    /// <summary>Tries to start them this often: a port found free can be taken by another process (another test
    /// project's emulators, started at the same moment) before an emulator binds it, and then it exits at once.</summary>
    private const int Attempts = 3;

    public static Task<LocalEmulators> StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        StartAsync(timeout, LocalProcesses.FreePort, cancellationToken);

    /// <param name="freePort">Picks each emulator's port (<see cref="LocalProcesses.FreePort"/>; a test can pick one
    /// that is taken).</param>
    public static async Task<LocalEmulators> StartAsync(TimeSpan timeout, Func<int> freePort, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(timeout, freePort, cancellationToken);
            }
            catch (InvalidOperationException e) when (e.InnerException is ProcessExitedException && attempt < Attempts)
            {
            }
        }
    }

    private static async Task<LocalEmulators> StartOnceAsync(TimeSpan timeout, Func<int> freePort, CancellationToken cancellationToken)
    {
        var (dynamoPort, sqsPort, sesPort, s3Port) = (freePort(), freePort(), freePort(), freePort());
        var loopback = "http://127.0.0.1";
        var emulators = new LocalEmulators(new LocalStackNames($"{loopback}:{dynamoPort}", $"{loopback}:{sqsPort}", $"{loopback}:{sesPort}")
        {
            S3Url = $"{loopback}:{s3Port}",
        });
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var node = emulators._processes.Start(EmulatorCommands.SqsSesAndS3(sqsPort, sesPort, s3Port));
            var dynamo = emulators._processes.Start(EmulatorCommands.DynamoDbLocal(dynamoPort, dataDirectory: null));
            await Task.WhenAll(
                LocalProcesses.WaitForHttpAsync(emulators.Names.DynamoDbUrl, dynamo, deadline.Token),
                LocalProcesses.WaitForHttpAsync($"{emulators.Names.SesUrl}/health-check", node, deadline.Token),
                LocalProcesses.WaitForHttpAsync(emulators.Names.SqsUrl, node, deadline.Token),
                LocalProcesses.WaitForHttpAsync(emulators.Names.S3Url, node, deadline.Token));
            return emulators;
        }
        catch (Exception e)
        {
            var output = emulators.Output;
            await emulators.DisposeAsync();
            throw new InvalidOperationException($"The local AWS emulators did not start: {e.Message}\n{output}", e);
        }
    }

    /// <summary>What the emulators printed, for diagnosing a failed start.</summary>
    public string Output => _processes.Output;

    public ValueTask DisposeAsync() => _processes.DisposeAsync();
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalDev.LocalAws;

/// <summary>
/// Starts DynamoDB Local and the SQS/SES emulators on free loopback ports, waits until they answer, and stops them
/// (with their child processes) on dispose. Used by the test fixtures; the app host starts the same commands itself.
/// </summary>
public sealed class LocalEmulators : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();

    private LocalEmulators(LocalStackNames names) => Names = names;

    public LocalStackNames Names { get; }

    public static async Task<LocalEmulators> StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var (dynamoPort, sqsPort, sesPort) = (FreePort(), FreePort(), FreePort());
        var loopback = "http://127.0.0.1";
        var emulators = new LocalEmulators(new LocalStackNames($"{loopback}:{dynamoPort}", $"{loopback}:{sqsPort}", $"{loopback}:{sesPort}"));
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var node = emulators.Start(EmulatorCommands.SqsAndSes(sqsPort, sesPort));
            var dynamo = emulators.Start(EmulatorCommands.DynamoDbLocal(dynamoPort, dataDirectory: null));
            await Task.WhenAll(
                WaitForHttpAsync(emulators.Names.DynamoDbUrl, dynamo, deadline.Token),
                WaitForHttpAsync($"{emulators.Names.SesUrl}/health-check", node, deadline.Token),
                WaitForHttpAsync(emulators.Names.SqsUrl, node, deadline.Token));
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
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    private Process Start(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        DataReceivedEventHandler collect = (_, e) => { if (e.Data is not null) { lock (_output) { _output.AppendLine(e.Data); } } };
        process.OutputDataReceived += collect;
        process.ErrorDataReceived += collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private static async Task WaitForHttpAsync(string url, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} exited with code {process.ExitCode}.");
            }
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                return; // Any HTTP answer means it listens; DynamoDB answers GET / with 400.
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        _processes.Clear();
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LocalDev.LocalAws;

/// <summary>
/// Local tools started for a test run: collects what they print, waits until they answer HTTP, and stops them (with
/// their child processes) on dispose.
/// </summary>
public sealed class LocalProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();

    /// <summary>What the processes printed, for diagnosing a failed start.</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public Process Start(ProcessSpec spec)
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
        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
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

    public static async Task WaitForHttpAsync(string url, Process process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new ProcessExitedException($"{process.StartInfo.FileName} exited with code {process.ExitCode}.");
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

    public static int FreePort()
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

/// <summary>A started tool exited before it answered (most often: its port was taken meanwhile).</summary>
public sealed class ProcessExitedException(string message) : InvalidOperationException(message);

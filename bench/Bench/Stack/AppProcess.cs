using System.Diagnostics;
using System.Net.Sockets;

namespace Bench.Stack;

/// <summary>
/// When a start-up probe first got an answer (the port took the connection, then the page said 200), and the CPU
/// time the process had used by then: on a shared machine the wall-clock times move with everyone's load, the CPU
/// time much less.
/// </summary>
public sealed record StartupTimes(TimeSpan Listening, TimeSpan FirstOk, TimeSpan Cpu);

/// <summary>
/// An app the bench runs as its own process: the executable of a publish folder (what Lambda's handler runs), with
/// exactly the environment given (plus PATH and HOME), keeping only its last lines of output (a loaded app may print
/// a lot) to explain a failed start, and stopped with its children on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int TailLines = 60;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly long _startedAt;
    private int _disposed;

    private AppProcess(Process process, long startedAt, string url)
    {
        _process = process;
        _startedAt = startedAt;
        Url = url;
    }

    public string Url { get; }

    public int Id => _process.Id;

    public static AppProcess Start(string executable, string url, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!, // the content root, as in Lambda's task root
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Nothing inherited from whoever runs the bench (a stray ASPNETCORE_ or DOTNET_ setting would skew a run),
        // except what lets `perf` name the apps' JIT-compiled methods (README: "Profiling").
        info.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "DOTNET_PerfMapEnabled", "DOTNET_EnableWriteXorExecute" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                info.Environment[name] = value;
            }
        }
        info.Environment["ASPNETCORE_URLS"] = url;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var app = Cleanup.Own(new AppProcess(process, Stopwatch.GetTimestamp(), url));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    public string Output
    {
        get { lock (_tail) { return string.Join('\n', _tail); } }
    }

    /// <summary>
    /// Asks for <paramref name="path"/> every 5 ms until it answers 200: the local stand-in for a cold start, where
    /// the first request waits for the process. Times are from just before the process was started.
    /// </summary>
    public async Task<StartupTimes> WaitUntilOkAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1) }) { Timeout = timeout };
        TimeSpan? listening = null;
        while (Stopwatch.GetElapsedTime(_startedAt) < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}:\n{Output}");
            }
            var attempt = Stopwatch.GetElapsedTime(_startedAt);
            try
            {
                using var response = await http.GetAsync(Url + path);
                listening ??= attempt;
                await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    return new StartupTimes(listening.Value, Stopwatch.GetElapsedTime(_startedAt), Measure.CpuMeter.Used(_process.Id));
                }
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException)
            {
                // Not listening yet.
            }
            await Task.Delay(5);
        }
        throw new TimeoutException($"{Url}{path} did not answer 200 within {timeout}:\n{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}

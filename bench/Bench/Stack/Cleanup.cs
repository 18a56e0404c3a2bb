using System.Runtime.InteropServices;

namespace Bench.Stack;

/// <summary>
/// Everything the bench starts is registered here, so Ctrl+C or SIGTERM stops it too (an orphaned DynamoDB Local or
/// Storefront would keep its port and its CPU). Normally each is disposed where it was started; disposing twice is
/// harmless.
/// </summary>
public static class Cleanup
{
    private static readonly List<IAsyncDisposable> Started = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];

    public static T Own<T>(T started) where T : IAsyncDisposable
    {
        lock (Started)
        {
            Started.Add(started);
        }
        return started;
    }

    /// <summary>Stops whatever is still running, newest first (the apps before the emulators they use).</summary>
    public static async Task StopAllAsync()
    {
        List<IAsyncDisposable> started;
        lock (Started)
        {
            started = Enumerable.Reverse(Started).ToList();
        }
        foreach (var item in started)
        {
            try
            {
                await item.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"  {e.GetType().Name}: {e.Message}");
            }
        }
    }

    public static void StopEverythingOnSignals()
    {
        foreach (var (signal, code) in new[] { (PosixSignal.SIGINT, 130), (PosixSignal.SIGTERM, 143) })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                Console.Error.WriteLine("Stopping everything the bench started...");
                StopAllAsync().Wait();
                Environment.Exit(code);
            }));
        }
    }
}

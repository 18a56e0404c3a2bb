namespace Storefront.Site;

/// <summary>
/// Work the first request would otherwise wait for (a table's first read, with the AWS SDK client's creation; the key
/// ring), started as the app starts, beside Kestrel's and MVC's own start-up, so a cold start answers sooner. A
/// request that needs it meanwhile waits for it rather than doing it again (each piece locks on its own), and a
/// failure is only logged: the first request that needs it tries again.
/// </summary>
public static class StartUpWork
{
    public static IServiceCollection AddStartUpWork(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task> work) =>
        services.AddSingleton<IHostedService>(provider => new Runner(provider, name, work));

    private sealed class Runner(IServiceProvider services, string name, Func<IServiceProvider, CancellationToken, Task> work) : IHostedService
    {
        private readonly CancellationTokenSource _stopping = new();

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await work(services, _stopping.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    services.GetRequiredService<ILogger<Runner>>().LogWarning(e, "Start-up work {Work} failed; the first request that needs it tries again", name);
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => _stopping.CancelAsync();
    }
}

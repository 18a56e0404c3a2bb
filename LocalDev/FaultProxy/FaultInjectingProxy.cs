using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LocalDev.FaultProxy;

/// <summary>
/// A loopback HTTP proxy between an app and one emulator: every call is forwarded as it came (the Host header kept,
/// so signatures still match), except those <see cref="Plan"/> picks for a fault. Apps reach it by endpoint
/// configuration only (<c>Aws:ServiceUrls:*</c>), with the same AWS SDK code as against AWS. The plan can change
/// while it runs, so a test can turn faults off before it checks what happened.
/// </summary>
public sealed class FaultInjectingProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Expect", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly AwsService _service;
    private readonly Uri _target;
    private readonly Random _random;
    private readonly ConcurrentDictionary<Fault, int> _counts = new();

    private FaultInjectingProxy(WebApplication app, AwsService service, Uri target, int seed)
    {
        _app = app;
        _service = service;
        _target = target;
        _random = new Random(seed);
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>Where apps send their calls instead of the emulator's URL.</summary>
    public string Url { get; private set; } = "";

    public FaultPlan Plan { get; set; } = FaultPlan.Off;

    /// <summary>How many calls got each fault so far (<see cref="Fault.None"/>: forwarded untouched).</summary>
    public IReadOnlyDictionary<Fault, int> Counts => new Dictionary<Fault, int>(_counts);

    /// <summary>Starts a proxy for <paramref name="service"/> at <paramref name="targetUrl"/> on a free loopback port.</summary>
    public static async Task<FaultInjectingProxy> StartAsync(AwsService service, string targetUrl, int seed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var proxy = new FaultInjectingProxy(app, service, new Uri(targetUrl), seed);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.Url = app.Urls.Single();
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var plan = Plan;
        if (plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(plan.Latency, context.RequestAborted);
        }
        Fault fault;
        int variant;
        lock (_random)
        {
            fault = plan.Choose(_random);
            variant = _random.Next();
        }
        _counts.AddOrUpdate(fault, 1, (_, n) => n + 1);
        switch (fault)
        {
            case Fault.Throttle or Fault.ServerErrorBefore:
                await AwsErrors.WriteAsync(context, _service, fault, variant);
                return;
            case Fault.DropBefore:
                context.Abort();
                return;
        }

        using var response = await ForwardAsync(context);
        switch (fault)
        {
            case Fault.ServerErrorAfter:
                await AwsErrors.WriteAsync(context, _service, fault, variant);
                return;
            case Fault.DropAfter:
                // The emulator has answered (the call took effect); the client never hears it.
                await response.Content.LoadIntoBufferAsync();
                context.Abort();
                return;
        }
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }
        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private async Task<HttpResponseMessage> ForwardAsync(HttpContext context)
    {
        var incoming = context.Request;
        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, context.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_target, $"{incoming.Path}{incoming.QueryString}"))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var header in incoming.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
            }
        }
        return await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}

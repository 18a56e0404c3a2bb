using Microsoft.Extensions.Options;
using Shop.Shared.Orders;

namespace OrderWorker.Sweep;

/// <summary>
/// Re-sends the messages of work left undone too long: orders that stayed PENDING, and emails a status change owes
/// that were not sent. Either way the Storefront may have written to the table and then failed to queue the message
/// (it died, or SQS did not answer). Confirmation and owed emails are idempotent, so a message sent twice does no harm.
/// </summary>
public sealed class PendingOrderSweep(OrderStore orders, OrderQueue queue, IOptions<SweepOptions> options, TimeProvider clock, ILogger<PendingOrderSweep> logger)
{
    public async Task<int> ResendStuckOrdersAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddSeconds(-options.Value.PendingForSeconds);
        var stuck = await orders.ListPendingPlacedBeforeAsync(cutoff, options.Value.MaxOrdersPerRun, cancellationToken);
        foreach (var pending in stuck)
        {
            await queue.SendAsync(pending.Message, pending.CorrelationId, cancellationToken);
            logger.LogWarning("Order {OrderId} was still PENDING after {Seconds} s; its message was sent again",
                pending.Message.OrderId, options.Value.PendingForSeconds);
        }
        var owed = await orders.ListEmailsOwedBeforeAsync(cutoff, options.Value.MaxOrdersPerRun, cancellationToken);
        foreach (var email in owed)
        {
            await queue.SendAsync(email.Message, email.CorrelationId, cancellationToken);
            logger.LogWarning("The {Email} email of order {OrderId} was still owed after {Seconds} s; its message was sent again",
                email.Message.Email, email.Message.OrderId, options.Value.PendingForSeconds);
        }
        return stuck.Count + owed.Count;
    }
}

/// <summary>Local stand-in for the template's schedule.</summary>
public sealed class PendingOrderSweepTimer(PendingOrderSweep sweep, IOptions<SweepOptions> options, ILogger<PendingOrderSweepTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TimerIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await sweep.ResendStuckOrdersAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The pending-order sweep failed; it runs again at the next tick");
            }
        }
    }
}

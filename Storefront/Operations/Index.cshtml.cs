using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Account;
using Storefront.Shopping;

namespace Storefront.Operations;

/// <summary>
/// The shop's state at a glance for an operator: the queues, orders by status, what has failed, and the way to
/// send dead letters back for another try. Everything is read live from SQS and DynamoDB at each view.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    OrderQueueOperations queues, OrderStore orders, ShopperSessions sessions, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    private const int Shown = 10;

    /// <summary>Longer than any Cognito <c>sub</c> (a UUID).</summary>
    public const int MaxShopperIdLength = 128;

    public QueueCounts OrdersQueue { get; private set; } = new(0, 0);
    public QueueCounts DeadLetterQueue { get; private set; } = new(0, 0);
    public OrderCounts Orders { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<DeadLetter> DeadLetters { get; private set; } = [];
    public IReadOnlyList<PendingOrder> OldestPending { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }

    /// <summary>What the last redrive did, shown once after its redirect.</summary>
    public RedriveResult? Redriven { get; private set; }

    /// <summary>How many sessions the last "sign out everywhere" ended, shown once after its redirect.</summary>
    public int? SessionsEnded { get; private set; }

    public string? ShopperIdError { get; private set; }

    public async Task OnGetAsync(int? moved, int? failed, int? ended, CancellationToken cancellationToken)
    {
        SessionsEnded = ended;
        await LoadAsync(moved, failed, cancellationToken);
    }

    private async Task LoadAsync(int? moved, int? failed, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        // Counted before the peek, which briefly receives dead letters and could otherwise show them as being processed.
        (OrdersQueue, DeadLetterQueue) = await queues.CountAsync(cancellationToken);
        var orderCounts = orders.CountAsync(cancellationToken);
        var deadLetters = queues.PeekDeadLettersAsync(Shown, cancellationToken);
        var oldestPending = orders.ListPendingPlacedBeforeAsync(Now, Shown, cancellationToken);
        Orders = await orderCounts;
        DeadLetters = await deadLetters;
        OldestPending = await oldestPending;
        Redriven = moved is null ? null : new RedriveResult(moved.Value, failed ?? 0);
    }

    /// <summary>Moves the dead letters back to the orders queue, then shows the page again (so a refresh never repeats it).</summary>
    public async Task<IActionResult> OnPostRedriveAsync(CancellationToken cancellationToken)
    {
        var result = await queues.RedriveAsync(cancellationToken);
        logger.LogWarning("Operator {Operator} moved {Moved} dead-letter messages back to the orders queue ({Failed} could not be sent)",
            User.FindFirstValue(ShopperClaims.Subject), result.Moved, result.Failed);
        return RedirectToPage(new { moved = result.Moved, failed = result.Failed });
    }

    /// <summary>Ends every session of one shopper (a stolen device, a compromised account): each of their devices
    /// must sign in again at its next request.</summary>
    public async Task<IActionResult> OnPostSignOutShopperAsync(string? shopperId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(shopperId) || shopperId.Length > MaxShopperIdLength)
        {
            ShopperIdError = "Enter the shopper's account id, as their account page shows it.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(null, null, cancellationToken);
            return Page();
        }
        var ended = await sessions.EndAllAsync(shopperId.Trim(), cancellationToken);
        logger.LogWarning("Operator {Operator} ended {Ended} sessions of shopper {Shopper}",
            User.FindFirstValue(ShopperClaims.Subject), ended, shopperId.Trim());
        return RedirectToPage(new { ended });
    }

    public static string Age(TimeSpan age) => age.TotalMinutes < 1 ? $"{age.TotalSeconds:0} s"
        : age.TotalHours < 1 ? $"{age.TotalMinutes:0} min"
        : age.TotalDays < 1 ? $"{age.TotalHours:0.#} h" : $"{age.TotalDays:0.#} days";
}

using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Orders;
using Storefront.Orders;
using Storefront.Shopping;

namespace Storefront.Operations;

/// <summary>
/// <c>/operations/orders</c>: operators find orders by number, by the shopper's email, by status, within a date
/// range, newest first, a page at a time (<see cref="OrderStore.SearchAsync"/>: indexes, never a scan). A plain GET
/// form, so a search is a link. Nothing given lists the confirmed orders (the ones to ship) of the last 30 days.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class OrdersModel(OrderStore orders, PageCursor cursors, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;
    public const int MaxEmailLength = 254;
    private const int DefaultDays = 30;
    private const string DateFormat = "yyyy-MM-dd";

    [BindProperty(SupportsGet = true)] public string? Number { get; set; }
    [BindProperty(SupportsGet = true)] public string? Email { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<OrderSummary> Results { get; private set; } = [];
    public string? NextPage { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The statuses an operator may choose, as the form and the table write them.</summary>
    public static IEnumerable<OrderStatus> Statuses => Enum.GetValues<OrderStatus>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Number))
        {
            var number = Number.Trim();
            Results = number.Length <= ShoppingLimits.MaxOrderIdLength && await orders.FindByNumberAsync(number, cancellationToken) is { } found
                ? [new OrderSummary(found.OrderId, found.ShopperEmail, found.Status, found.PlacedAt, found.Total)]
                : [];
            return Page();
        }
        if (Check() is not { } search)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var key = Canonical(search);
        IReadOnlyDictionary<string, string>? after = null;
        if (!string.IsNullOrEmpty(Cursor) && (after = cursors.Read(Cursor, key)) is null)
        {
            Errors["Cursor"] = "That page link is not valid for this search. Start the search again.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var page = await orders.SearchAsync(search, after, PageSize, cancellationToken);
        Results = page.Orders;
        NextPage = page.Next is { } next ? Link(search, cursors.Write(key, next)) : null;
        return Page();
    }

    /// <summary>The form's fields as a search, or null with <see cref="Errors"/> filled in.</summary>
    private OrderSearch? Check()
    {
        string? email = Email?.Trim() is { Length: > 0 } typed ? typed : null;
        if (email is not null && (email.Length > MaxEmailLength || !email.Contains('@', StringComparison.Ordinal) || !PlainText.Is(email)))
        {
            Errors["Email"] = $"Enter the shopper's email address (at most {MaxEmailLength} characters).";
        }
        OrderStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            status = Statuses.Where(s => OrderItemText(s) == Status).Cast<OrderStatus?>().FirstOrDefault();
            if (status is null)
            {
                Errors["Status"] = "Choose one of the listed statuses.";
            }
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = Day("To", To) ?? today;
        var from = Day("From", From) ?? to.AddDays(-DefaultDays);
        if (from > to)
        {
            Errors["To"] = "The end of the range is before its start.";
        }
        if (Errors.Count > 0)
        {
            return null;
        }
        // Without an email, the status index is the way in: a status is needed, the one to act on by default.
        status ??= email is null ? OrderStatus.Confirmed : null;
        (Status, From, To) = (status is { } s ? OrderItemText(s) : null, Text(from), Text(to));
        return new OrderSearch(email, status,
            new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero));
    }

    private DateOnly? Day(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        Errors[field] = "Give the date as yyyy-mm-dd.";
        return null;
    }

    private static string OrderItemText(OrderStatus status) => status.ToString().ToUpperInvariant();

    private static string Text(DateOnly day) => day.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The search as one string, which a cursor must carry to be used.</summary>
    private static string Canonical(OrderSearch search) =>
        $"operations|{search.ShopperEmail}|{search.Status}|{search.From:O}|{search.To:O}";

    private static string Link(OrderSearch search, string cursor) => "/operations/orders" + QueryString.Create(new Dictionary<string, string?>
    {
        ["Email"] = search.ShopperEmail,
        ["Status"] = search.Status is { } status ? OrderItemText(status) : null,
        ["From"] = Text(DateOnly.FromDateTime(search.From.UtcDateTime)),
        ["To"] = Text(DateOnly.FromDateTime(search.To.UtcDateTime)),
        ["Cursor"] = cursor,
    }.Where(p => p.Value is not null)).ToUriComponent();
}

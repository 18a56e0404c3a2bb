using System.Security.Claims;
using System.Text.Json;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Account;
using Storefront.Checkout;
using Storefront.Security;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Orders;

/// <summary><c>shippingAddress</c>: <c>fullName</c>, <c>line1</c>, <c>city</c> and <c>country</c> (ISO 3166-1 alpha-2) are
/// required; <c>line2</c>, <c>region</c>, <c>postalCode</c> and <c>phone</c> are optional.</summary>
public sealed record PlaceOrderRequest(IReadOnlyList<PlaceOrderLine>? Lines, ShippingAddressForm? ShippingAddress);

public sealed record PlaceOrderLine(string? ProductId, int Quantity);

public sealed record OrderLineResponse(string ProductId, string Name, decimal UnitPrice, int Quantity, decimal LineTotal);

public sealed record OrderResponse(
    string OrderId, string Status, DateTimeOffset PlacedAt, DateTimeOffset? ConfirmedAt,
    IReadOnlyList<OrderLineResponse> Lines, decimal Total, string Currency, ShippingAddressResponse? ShippingAddress, string Url);

/// <summary>A page of the bearer's orders, newest first; <c>next</c> is the cursor of the next page, null on the last.</summary>
public sealed record OrderListResponse(IReadOnlyList<OrderResponse> Orders, string? Next);

public sealed record ShippingAddressResponse(
    string FullName, string Line1, string? Line2, string City, string? Region, string? PostalCode, string Country, string? Phone);

/// <summary>
/// <c>POST /api/orders</c>, <c>GET /api/orders?status=&amp;cursor=</c> and <c>GET /api/orders/{id}</c> for integrations, signed in with a Cognito access token:
/// the same checkout (prices from the catalog, stock taken in the order's transaction) and the same idempotency,
/// through the <c>Idempotency-Key</c> header. Errors are problem details.
/// </summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        var orders = endpoints.MapGroup("/api/orders").RequireAuthorization(AccessTokens.Policy).DisableAntiforgery();
        // One budget per shopper for placing orders, whether through the checkout page or here.
        orders.MapPost("/", PlaceAsync).RequireRateLimiting(ShopRateLimits.CheckoutPolicy);
        orders.MapGet("/", ListAsync);
        orders.MapGet("/{orderId}", GetAsync);
        orders.MapPost("/{orderId}/cancel", CancelAsync);
        return endpoints;
    }

    private static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        [FromBody] PlaceOrderRequest? body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext http,
        OrderPlacement placement, ShopperEmails emails, ShopOptions shop, CancellationToken cancellationToken)
    {
        if (!CheckoutRules.IsValidIdempotencyKey(idempotencyKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["Idempotency-Key"] = ["Send a unique key of 16 to 64 letters, digits or dashes (a GUID) with each new order."],
            });
        }
        var shopperId = http.User.FindFirstValue(ShopperClaims.Subject)!;
        var accessToken = AuthenticationHeaderValue.Parse(http.Request.Headers.Authorization.ToString()).Parameter ?? "";
        if (await emails.FindAsync(shopperId, accessToken, cancellationToken) is not { } email)
        {
            return TypedResults.Problem("Your account's email address could not be read; try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if ((body?.ShippingAddress ?? new ShippingAddressForm()).Check(out var addressErrors) is not { } shipTo)
        {
            return TypedResults.ValidationProblem(body?.ShippingAddress is null
                ? new Dictionary<string, string[]> { ["shippingAddress"] = ["Send the order's shippingAddress."] }
                : addressErrors.ToDictionary(e => $"shippingAddress.{JsonNamingPolicy.CamelCase.ConvertName(e.Key)}", e => new[] { e.Value }));
        }

        var lines = (body?.Lines ?? []).Select(l => new RequestedLine(l.ProductId ?? "", l.Quantity)).ToList();
        var result = await placement.PlaceOrderAsync(new Shopper(shopperId, email), lines, shipTo, idempotencyKey!, http.GetCorrelationId(), cancellationToken);
        return result switch
        {
            CheckoutResult.Accepted { Replayed: true } replay => TypedResults.Ok(ToResponse(replay.Order, shop)),
            CheckoutResult.Accepted accepted => TypedResults.Created($"/api/orders/{Uri.EscapeDataString(accepted.Order.OrderId)}", ToResponse(accepted.Order, shop)),
            CheckoutResult.Invalid invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lines"] = [.. invalid.Errors] }),
            CheckoutResult.OutOfStock outOfStock => TypedResults.Problem(
                $"{outOfStock.ProductName} has only {outOfStock.Available} left.", statusCode: StatusCodes.Status409Conflict, title: "Out of stock"),
            _ => TypedResults.Problem("The order could not be placed just now; nothing was charged. Try again.", statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetAsync(
        string orderId, ClaimsPrincipal user, OrderStore orders, ShopOptions shop, CancellationToken cancellationToken)
    {
        // The shopper is part of the key: another shopper's order id is simply not found.
        var order = orderId.Length > ShoppingLimits.MaxOrderIdLength ? null : await orders.FindAsync(user.FindFirstValue(ShopperClaims.Subject)!, orderId, cancellationToken);
        return order is null
            ? TypedResults.Problem("No such order.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(ToResponse(order, shop));
    }

    /// <summary>The owner cancels their order: 200 with it, 404 for no such order of theirs, 409 when it has moved on.</summary>
    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelAsync(
        string orderId, HttpContext http, OrderCancellation cancellation, ShopOptions shop, CancellationToken cancellationToken)
    {
        if (orderId.Length > ShoppingLimits.MaxOrderIdLength)
        {
            return TypedResults.Problem("No such order.", statusCode: StatusCodes.Status404NotFound);
        }
        var result = await cancellation.CancelAsync(http.User.FindFirstValue(ShopperClaims.Subject)!, orderId, OrderActor.Shopper, null, null,
            http.GetCorrelationId(), cancellationToken);
        return result switch
        {
            CancelResult.Cancelled cancelled => TypedResults.Ok(ToResponse(cancelled.Order, shop)),
            CancelResult.NotFound => TypedResults.Problem("No such order.", statusCode: StatusCodes.Status404NotFound),
            CancelResult.NotAllowed refused => TypedResults.Problem(refused.Message, statusCode: StatusCodes.Status409Conflict, title: "Not cancellable"),
            _ => TypedResults.Problem("The order could not be cancelled just now; nothing changed. Try again.", statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    /// <summary>The bearer's orders, a page at a time (<see cref="ShopperOrderList"/>): <c>status</c> filters, <c>cursor</c> is
    /// the previous page's <c>next</c>.</summary>
    private static async Task<Results<Ok<OrderListResponse>, ValidationProblem>> ListAsync(
        string? status, string? cursor, HttpContext http, ShopperOrderList list, ShopOptions shop, CancellationToken cancellationToken) =>
        await list.PageAsync(http.User.FindFirstValue(ShopperClaims.Subject)!, status, cursor, cancellationToken) switch
        {
            OrderListResult.Page page => TypedResults.Ok(new OrderListResponse(page.Orders.Select(o => ToResponse(o, shop)).ToList(), page.Next)),
            OrderListResult.UnknownStatus => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = ["Use one of pending, confirmed, shipped, delivered, cancelled, or leave it out."],
            }),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["cursor"] = ["Use the next value of your previous page, unchanged, with the same status."],
            }),
        };

    private static OrderResponse ToResponse(Order order, ShopOptions shop) => new(
        order.OrderId,
        order.Status.ToString().ToUpperInvariant(),
        order.PlacedAt,
        order.ConfirmedAt,
        order.Lines.Select(l => new OrderLineResponse(l.ProductId, l.Name, l.UnitPrice, l.Quantity, l.LineTotal)).ToList(),
        order.Total,
        shop.CurrencyCode,
        order.ShipTo is { } a ? new ShippingAddressResponse(a.FullName, a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.CountryCode, a.Phone) : null,
        $"/orders/{Uri.EscapeDataString(order.OrderId)}");
}

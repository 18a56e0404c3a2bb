using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Shopping;
using Storefront.Site;

namespace Storefront.Checkout;

/// <summary>
/// Review and place an order: the cart's lines, or one product bought now (<c>?buy=id&amp;quantity=n</c>, a GET so it
/// survives the sign-in redirect). Prices shown and charged come from the catalog, never from the form.
/// </summary>
[Authorize]
public sealed class IndexModel(
    OrderPlacement placement, ProductCatalog catalog, CurrentCart cart, OrderStore orders, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public List<LineInput> Lines { get; set; } = [];

    /// <summary>One per rendering of the form: submitting it twice places one order.</summary>
    [BindProperty]
    public string IdempotencyKey { get; set; } = "";

    /// <summary>Where the order goes: prefilled with the shopper's last address, checked field by field.</summary>
    [BindProperty]
    public ShippingAddressForm ShipTo { get; set; } = new();

    /// <summary>"cart" empties the cart once the order is placed; "buy-now" leaves it alone.</summary>
    [BindProperty]
    public string Source { get; set; } = "cart";

    public IReadOnlyList<PricedLine> Priced { get; private set; } = [];

    /// <summary>The shopper's cart once this request has read it: it knows the prices they saw.</summary>
    private ShoppingCart? _cart;
    public decimal Total => Priced.Sum(l => l.LineTotal);
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(string? buy, int? quantity, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(buy))
        {
            Lines = [new LineInput { ProductId = buy, Quantity = quantity ?? 1 }];
            Source = "buy-now";
        }
        else
        {
            _cart = await cart.GetAsync(HttpContext, cancellationToken);
            Lines = _cart.Lines
                .Select(l => new LineInput { ProductId = l.ProductId, Quantity = l.Quantity }).ToList();
        }
        IdempotencyKey = Guid.NewGuid().ToString();
        ShipTo = ShippingAddressForm.From(await LastAddressAsync(cancellationToken));
        Errors = CheckoutRules.Check(Requested);
        await PriceAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var shopper = Shopper.Of(User);
        if (!ModelState.IsValid || !CheckoutRules.IsValidIdempotencyKey(IdempotencyKey))
        {
            return await ShowAsync(StatusCodes.Status400BadRequest, ["Please check the quantities and try again."], cancellationToken);
        }
        if (ShipTo.Check(out var addressErrors) is not { } address)
        {
            foreach (var (field, message) in addressErrors)
            {
                ModelState.AddModelError($"{nameof(ShipTo)}.{field}", message);
            }
            return await ShowAsync(StatusCodes.Status400BadRequest, ["Please check the shipping address."], cancellationToken);
        }

        var result = await placement.PlaceOrderAsync(shopper, Requested, address, IdempotencyKey, HttpContext.GetCorrelationId(), cancellationToken);
        switch (result)
        {
            case CheckoutResult.Accepted accepted:
                if (Source == "cart" && !accepted.Replayed)
                {
                    await cart.ClearAsync(HttpContext, cancellationToken);
                }
                return Redirect($"/orders/{Uri.EscapeDataString(accepted.Order.OrderId)}?received=true");
            case CheckoutResult.Invalid invalid:
                return await ShowAsync(StatusCodes.Status400BadRequest, invalid.Errors, cancellationToken);
            case CheckoutResult.OutOfStock outOfStock:
                var left = outOfStock.Available == 0 ? "is out of stock" : $"has only {outOfStock.Available} left";
                return await ShowAsync(StatusCodes.Status409Conflict, [$"Sorry, {outOfStock.ProductName} {left}."], cancellationToken);
            default:
                logger.LogWarning("Checkout {CorrelationId} gave up: {Result}", HttpContext.GetCorrelationId(), result);
                return await ShowAsync(StatusCodes.Status503ServiceUnavailable, ["We could not place your order just now. Nothing was charged; please try again."], cancellationToken);
        }
    }

    /// <summary>The address to prefill; an outage of the orders table only costs the shopper the prefill.</summary>
    private async Task<ShippingAddress?> LastAddressAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await orders.LastShippingAddressAsync(Shopper.Of(User).Id, cancellationToken);
        }
        catch (Exception e) when (DependencyOutage.Is(e))
        {
            logger.LogWarning(e, "Checkout {CorrelationId} shown without the last address: the orders table is unavailable", HttpContext.GetCorrelationId());
            return null;
        }
    }

    private IReadOnlyList<RequestedLine> Requested => Lines.Select(l => new RequestedLine(l.ProductId ?? "", l.Quantity)).ToList();

    /// <summary>The form again, with the shopper's input kept and the same key, so a retry cannot place two orders.</summary>
    private async Task<IActionResult> ShowAsync(int status, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        Errors = errors;
        await PriceAsync(cancellationToken);
        var page = Page();
        Response.StatusCode = status;
        return page;
    }

    private async Task PriceAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, Product> products = new Dictionary<string, Product>();
        var seen = _cart ?? ShoppingCart.Empty("");
        try
        {
            products = await catalog.FindManyAsync(Lines.Select(l => l.ProductId).OfType<string>(), cancellationToken);
            if (Source == "cart" && _cart is null)
            {
                seen = await cart.GetAsync(HttpContext, cancellationToken);
            }
        }
        catch (Exception e) when (DependencyOutage.Is(e) && Errors.Count > 0)
        {
            // Showing why an order failed must not fail too: the lines stay in the form, unpriced, for a retry.
            logger.LogWarning(e, "Checkout {CorrelationId} shown without prices: DynamoDB is unavailable", HttpContext.GetCorrelationId());
        }
        Priced = Lines.Where(l => l.ProductId is not null && products.ContainsKey(l.ProductId))
            .Select(l => new PricedLine(products[l.ProductId!], l.Quantity, seen.PriceSeen(l.ProductId!))).ToList();
    }

    public sealed class LineInput
    {
        [Required, StringLength(ShoppingLimits.MaxProductIdLength)]
        public string? ProductId { get; set; }

        [Range(ShoppingLimits.MinQuantity, ShoppingLimits.MaxQuantity, ErrorMessage = "Choose between {1} and {2}.")]
        public int Quantity { get; set; }
    }

    /// <param name="PriceSeen">The price when the shopper added it to their cart, to tell them it changed since.</param>
    public sealed record PricedLine(Product Product, int Quantity, decimal? PriceSeen)
    {
        public decimal LineTotal => Product.Price * Quantity;

        public PriceChange? PriceChange => PriceChange.Of(PriceSeen, Product.Price);
    }
}

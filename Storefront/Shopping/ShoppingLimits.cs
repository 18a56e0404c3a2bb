namespace Storefront.Shopping;

/// <summary>What a cart and an order may hold, and how long the ids a shopper sends may be. Each rule lives here once.</summary>
public static class ShoppingLimits
{
    public const int MinQuantity = 1;
    public const int MaxQuantity = 10;

    /// <summary>Different products in one cart or order.</summary>
    public const int MaxLines = 20;

    /// <summary>Longer than any product id the shop makes, far shorter than DynamoDB's key limit.</summary>
    public const int MaxProductIdLength = 64;

    /// <summary>Order numbers are 18 characters (<c>Order.NewOrderId</c>); anything much longer is not one.</summary>
    public const int MaxOrderIdLength = 64;

    public static int ClampQuantity(int? quantity) => Math.Clamp(quantity ?? MinQuantity, MinQuantity, MaxQuantity);
}

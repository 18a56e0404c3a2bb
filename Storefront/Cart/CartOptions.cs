using System.ComponentModel.DataAnnotations;

namespace Storefront.Cart;

public sealed class CartOptions
{
    public const string Section = "Cart";

    /// <summary>An untouched cart expires (DynamoDB TTL) after this many days.</summary>
    [Range(1, 365)]
    public int LifetimeDays { get; set; } = 30;
}

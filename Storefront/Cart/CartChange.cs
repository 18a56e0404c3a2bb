namespace Storefront.Cart;

/// <summary>What asking to add to a cart came to.</summary>
public enum CartChange
{
    Done,
    UnknownProduct,
    CartFull,

    /// <summary>Other changes to the same cart kept winning the race; nothing was changed, the shopper may try again.</summary>
    Busy,
}

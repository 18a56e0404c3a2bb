namespace Shop.Shared.Orders;

/// <summary>
/// Where an order goes, as the shopper gave it at checkout (checked there: <c>Storefront/Checkout/ShippingAddressForm</c>).
/// Stored on the order, shown on its page and in every email about it. <see cref="CountryCode"/> is ISO 3166-1
/// alpha-2 (<see cref="Countries"/>).
/// </summary>
public sealed record ShippingAddress(
    string FullName, string Line1, string? Line2, string City, string? Region, string? PostalCode, string CountryCode, string? Phone)
{
    /// <summary>The address as it is written on a parcel, one line each, the empty parts left out.</summary>
    public IReadOnlyList<string> Label =>
    [
        FullName,
        Line1,
        .. string.IsNullOrEmpty(Line2) ? Array.Empty<string>() : [Line2],
        string.Join(' ', new[] { City, Region, PostalCode }.Where(p => !string.IsNullOrEmpty(p))),
        Countries.NameOf(CountryCode),
    ];
}

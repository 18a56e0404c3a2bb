using Shop.Shared.Orders;

namespace Storefront.Tests;

/// <summary>An address a shopper may ship to, as the checkout page's fields and as the checkout's value.</summary>
public static class ShippingAddresses
{
    public static readonly ShippingAddress Sample = new("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", null);

    public static readonly IReadOnlyList<(string Name, string Value)> FormFields =
    [
        ("ShipTo.FullName", Sample.FullName), ("ShipTo.Line1", Sample.Line1), ("ShipTo.City", Sample.City),
        ("ShipTo.PostalCode", Sample.PostalCode!), ("ShipTo.Country", Sample.CountryCode),
    ];

    /// <summary>The checkout form's fields with the sample address filled in where the shopper left it empty.</summary>
    public static Dictionary<string, string> WithAddress(this Dictionary<string, string> fields)
    {
        foreach (var (name, value) in FormFields)
        {
            if (string.IsNullOrEmpty(fields.GetValueOrDefault(name)))
            {
                fields[name] = value;
            }
        }
        return fields;
    }

    /// <summary>The sample address as <c>POST /api/orders</c> takes it.</summary>
    public static readonly object Json = new { fullName = Sample.FullName, line1 = Sample.Line1, city = Sample.City, postalCode = Sample.PostalCode, country = Sample.CountryCode };
}

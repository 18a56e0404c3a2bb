using Shop.Shared.Orders;
using Storefront.Shopping;

namespace Storefront.Checkout;

/// <summary>
/// The shipping address as the checkout form and <c>POST /api/orders</c> send it, and the rules it must meet. Every
/// problem is reported against its field, so the page shows it beside the input and the API keys it by name.
/// </summary>
public sealed class ShippingAddressForm
{
    public const int MaxNameLength = 100;
    public const int MaxLineLength = 100;
    public const int MaxPlaceLength = 60;
    public const int MaxPostalCodeLength = 16;
    public const int MaxPhoneLength = 24;

    public string? FullName { get; set; }
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }

    /// <summary>ISO 3166-1 alpha-2, one of <see cref="Countries"/>.</summary>
    public string? Country { get; set; }

    public string? Phone { get; set; }

    public static ShippingAddressForm From(ShippingAddress? address) => address is null ? new() : new()
    {
        FullName = address.FullName, Line1 = address.Line1, Line2 = address.Line2, City = address.City,
        Region = address.Region, PostalCode = address.PostalCode, Country = address.CountryCode, Phone = address.Phone,
    };

    /// <summary>The address, trimmed, when every field is right; else the message for each field that is not
    /// (keyed by property name).</summary>
    public ShippingAddress? Check(out IReadOnlyDictionary<string, string> errors)
    {
        var found = new Dictionary<string, string>();
        var fullName = Text(nameof(FullName), "your full name", FullName, MaxNameLength, required: true, found);
        var line1 = Text(nameof(Line1), "the street address", Line1, MaxLineLength, required: true, found);
        var line2 = Text(nameof(Line2), "the second address line", Line2, MaxLineLength, required: false, found);
        var city = Text(nameof(City), "the town or city", City, MaxPlaceLength, required: true, found);
        var region = Text(nameof(Region), "the region or state", Region, MaxPlaceLength, required: false, found);
        var postalCode = Text(nameof(PostalCode), "the postal code", PostalCode, MaxPostalCodeLength, required: false, found);
        if (postalCode is not null && !postalCode.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            found[nameof(PostalCode)] = "A postal code has only letters, digits, spaces and dashes.";
        }
        var phone = Text(nameof(Phone), "the phone number", Phone, MaxPhoneLength, required: false, found);
        if (phone is not null && (!phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.') || !phone.Any(char.IsAsciiDigit)))
        {
            found[nameof(Phone)] = "A phone number has only digits, spaces and + - ( ) .";
        }
        var country = Country?.Trim().ToUpperInvariant();
        if (!Countries.IsKnown(country))
        {
            found[nameof(Country)] = string.IsNullOrWhiteSpace(Country) ? "Choose the country." : "Choose a country from the list.";
        }
        errors = found;
        return found.Count > 0 ? null : new ShippingAddress(fullName!, line1!, line2, city!, region, postalCode, country!, phone);
    }

    /// <summary>The field trimmed (null when empty), or null with an error when it is missing, too long or not plain
    /// text: control characters, broken UTF-16 and noncharacters have no place on a parcel label.</summary>
    private static string? Text(string field, string what, string? value, int maxLength, bool required, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors[field] = $"Enter {what}.";
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            errors[field] = $"Use at most {maxLength} characters for {what}.";
            return null;
        }
        if (!PlainText.Is(text))
        {
            errors[field] = $"Use only letters, digits, spaces and punctuation for {what}.";
            return null;
        }
        return text;
    }
}

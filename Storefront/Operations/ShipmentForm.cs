using Shop.Shared.Orders;
using Storefront.Shopping;

namespace Storefront.Operations;

/// <summary>What an operator types to ship or cancel an order, and the rules it must meet (field → message).</summary>
public static class ShipmentForm
{
    public const int MaxReasonLength = 500;
    public const int MaxCarrierLength = 60;
    public const int MaxTrackingNumberLength = 60;
    public const int MaxTrackingUrlLength = 500;

    public static Shipment? Check(string? carrier, string? trackingNumber, string? trackingUrl, Dictionary<string, string> errors)
    {
        var c = Text("Carrier", "the carrier", carrier, MaxCarrierLength, errors);
        var number = Text("TrackingNumber", "the tracking number", trackingNumber, MaxTrackingNumberLength, errors);
        string? url = null;
        if (!string.IsNullOrWhiteSpace(trackingUrl))
        {
            // Only a web page: a javascript:, data: or relative link on the shopper's order page or email is refused.
            if (trackingUrl.Length > MaxTrackingUrlLength || !Uri.TryCreate(trackingUrl.Trim(), UriKind.Absolute, out var parsed)
                || parsed.Scheme is not ("http" or "https") || !PlainText.Is(trackingUrl))
            {
                errors["TrackingUrl"] = $"Give the tracking page as an http or https address of at most {MaxTrackingUrlLength} characters, or leave it empty.";
            }
            else
            {
                url = parsed.AbsoluteUri;
            }
        }
        return errors.Count == 0 ? new Shipment(c!, number!, url) : null;
    }

    /// <summary>Why the operator cancels: required, since the shopper's history shows it.</summary>
    public static string? Reason(string? reason, Dictionary<string, string> errors) =>
        Text("Reason", "the reason", reason, MaxReasonLength, errors);

    private static string? Text(string field, string what, string? value, int maxLength, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = $"Enter {what}.";
        }
        else if (text.Length > maxLength)
        {
            errors[field] = $"Use at most {maxLength} characters for {what}.";
        }
        else if (!PlainText.Is(text))
        {
            errors[field] = $"Use only letters, digits, spaces and punctuation for {what}.";
        }
        else
        {
            return text;
        }
        return null;
    }
}

using Storefront.Shopping;
using static Storefront.Shopping.ShoppingLimits;

namespace Storefront.Checkout;

/// <summary>What an order may contain (<see cref="ShoppingLimits"/>), checked before anything is read or written.</summary>
public static class CheckoutRules
{
    /// <summary>The checkout form's key: a GUID-like token, so it can key a record safely.</summary>
    public static bool IsValidIdempotencyKey(string? key) =>
        key is { Length: >= 16 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static IReadOnlyList<string> Check(IReadOnlyList<RequestedLine> lines)
    {
        var errors = new List<string>();
        if (lines.Count == 0)
        {
            errors.Add("Your order has no products.");
        }
        if (lines.Count > MaxLines)
        {
            errors.Add($"An order can have at most {MaxLines} different products.");
        }
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line.ProductId) || line.ProductId.Length > MaxProductIdLength)
            {
                errors.Add("One of the products is not in our catalog.");
            }
            else if (line.Quantity is < MinQuantity or > MaxQuantity)
            {
                errors.Add($"Choose between {MinQuantity} and {MaxQuantity} of each product.");
            }
        }
        if (lines.GroupBy(l => l.ProductId).Any(g => g.Count() > 1))
        {
            errors.Add("Each product can appear only once in an order.");
        }
        return errors.Distinct().ToList();
    }
}

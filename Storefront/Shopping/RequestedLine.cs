namespace Storefront.Shopping;

/// <summary>A line as the shopper asks for it, in a cart or an order: which product and how many. Never a price.</summary>
public sealed record RequestedLine(string ProductId, int Quantity);

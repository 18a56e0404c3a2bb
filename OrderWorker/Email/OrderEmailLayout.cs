using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Shop.Shared.Orders;

namespace OrderWorker.Email;

/// <summary>A link in an email: what it says and where it goes (an http or https address).</summary>
public sealed record EmailLink(string Text, string Url);

/// <summary>
/// How every email about an order reads: a heading and a few sentences about what happened, then the order itself
/// (its lines, total and shipping address) and a link to its page; HTML and text alike. Everything the shopper or an
/// operator typed is HTML-encoded.
/// </summary>
public static class OrderEmailLayout
{
    public static EmailMessage Compose(Order order, ConfirmationEmailOptions options, string subject, string heading,
        IReadOnlyList<string> paragraphs, EmailLink? link = null)
    {
        var culture = CultureInfo.GetCultureInfo(options.Culture);
        string Money(decimal amount) => amount.ToString("C", culture);
        var orderUrl = $"{options.StorefrontUrl.TrimEnd('/')}/orders/{Uri.EscapeDataString(order.OrderId)}";

        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            text.AppendLine(paragraph).AppendLine();
        }
        if (link is not null)
        {
            text.AppendLine($"{link.Text}: {link.Url}").AppendLine();
        }
        text.AppendLine($"Order {order.OrderId}, placed {order.PlacedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC").AppendLine();
        foreach (var line in order.Lines)
        {
            text.AppendLine($"{line.Quantity} × {line.Name} at {Money(line.UnitPrice)} = {Money(line.LineTotal)}");
        }
        text.AppendLine().AppendLine($"Total: {Money(order.Total)}").AppendLine();
        if (order.ShipTo is { } shipTo)
        {
            text.AppendLine("Shipping to:");
            foreach (var line in shipTo.Label)
            {
                text.AppendLine(line);
            }
            text.AppendLine();
        }
        text.AppendLine($"See your order: {orderUrl}");

        var html = HtmlEncoder.Default;
        var rows = string.Concat(order.Lines.Select(line =>
            $"<tr><td>{html.Encode(line.Name)}</td><td style=\"text-align:right\">{line.Quantity}</td>" +
            $"<td style=\"text-align:right\">{html.Encode(Money(line.UnitPrice))}</td>" +
            $"<td style=\"text-align:right\">{html.Encode(Money(line.LineTotal))}</td></tr>"));
        var body = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{html.Encode(subject)}</title></head>
            <body style="font-family:sans-serif;color:#1f2933">
            <h1 style="font-size:1.4em">{html.Encode(heading)}</h1>
            {string.Concat(paragraphs.Select(p => $"<p>{html.Encode(p)}</p>"))}
            {(link is null ? "" : $"<p><a href=\"{html.Encode(link.Url)}\">{html.Encode(link.Text)}</a></p>")}
            <p>Order <strong>{html.Encode(order.OrderId)}</strong>, placed {order.PlacedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</p>
            <table cellpadding="6" style="border-collapse:collapse">
            <thead><tr><th style="text-align:left">Product</th><th>Qty</th><th>Price</th><th>Subtotal</th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><th colspan="3" style="text-align:right">Total</th><th style="text-align:right">{html.Encode(Money(order.Total))}</th></tr></tfoot>
            </table>
            {(order.ShipTo is { } address ? $"<h2 style=\"font-size:1.1em\">Shipping to</h2><p>{string.Join("<br>", address.Label.Select(html.Encode))}</p>" : "")}
            <p><a href="{html.Encode(orderUrl)}">See your order</a></p>
            <p>{html.Encode(options.ShopName)}</p>
            </body></html>
            """;
        return new EmailMessage(order.ShopperEmail, subject, body, text.ToString());
    }
}

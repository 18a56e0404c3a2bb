using OrderWorker.Email;
using Shop.Shared.Orders;

namespace OrderWorker.Tests;

public sealed class ConfirmationEmailTests
{
    private static readonly ConfirmationEmailOptions Options = new()
    {
        FromAddress = "orders@shop.test", ShopName = "Northwind Goods", Culture = "en-US", StorefrontUrl = "https://shop.test/",
    };

    private static Order OrderOf(params OrderLine[] lines) => new("261125-203015-K7QD", "shopper-1", "ada@example.com", lines,
        OrderStatus.Pending, new DateTimeOffset(2026, 11, 25, 20, 30, 15, TimeSpan.Zero), null, null, "c-1");

    [Fact]
    public void The_email_names_the_order_in_its_subject_and_lists_lines_and_total_in_both_bodies()
    {
        var email = ConfirmationEmail.For(OrderOf(new OrderLine("mug", "Enamel Camp Mug", 14.50m, 2), new OrderLine("pen", "Brass Fountain Pen", 58m, 1)), Options);

        Assert.Equal("ada@example.com", email.To);
        Assert.Equal("Northwind Goods: order 261125-203015-K7QD is confirmed", email.Subject);
        Assert.Contains("2 × Enamel Camp Mug at $14.50 = $29.00", email.TextBody);
        Assert.Contains("Total: $87.00", email.TextBody);
        Assert.Contains("$87.00", email.HtmlBody);
        Assert.Contains("href=\"https://shop.test/orders/261125-203015-K7QD\"", email.HtmlBody);
    }

    [Fact]
    public void Product_names_are_escaped_in_the_html_body()
    {
        var email = ConfirmationEmail.For(OrderOf(new OrderLine("x", "<script>alert(1)</script> & \"Co\"", 1m, 1)), Options);

        Assert.DoesNotContain("<script>", email.HtmlBody);
        Assert.Contains("&lt;script&gt;", email.HtmlBody);
    }

    [Fact]
    public void Both_bodies_say_where_the_order_is_shipped_with_the_address_escaped_in_html()
    {
        var order = OrderOf(new OrderLine("mug", "Enamel Camp Mug", 14.50m, 1)) with
        {
            ShipTo = new ShippingAddress("Ada <Lovelace>", "12 St James's Square", "Flat 2", "London", null, "SW1Y 4JH", "GB", null),
        };

        var email = ConfirmationEmail.For(order, Options);

        Assert.Contains("Shipping to:\nAda <Lovelace>\n12 St James's Square\nFlat 2\nLondon SW1Y 4JH\nUnited Kingdom", email.TextBody.ReplaceLineEndings("\n"));
        Assert.Contains("Ada &lt;Lovelace&gt;<br>12 St James&#x27;s Square<br>Flat 2<br>London SW1Y 4JH<br>United Kingdom", email.HtmlBody);
    }
}

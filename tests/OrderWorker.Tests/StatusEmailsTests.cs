using OrderWorker.Email;
using Shop.Shared.Orders;

namespace OrderWorker.Tests;

public sealed class StatusEmailsTests
{
    private static readonly ConfirmationEmailOptions Options = new()
    {
        FromAddress = "orders@shop.test", ShopName = "Northwind Goods", Culture = "en-US", StorefrontUrl = "https://shop.test/",
    };

    private static readonly DateTimeOffset PlacedAt = new(2026, 11, 25, 20, 30, 15, TimeSpan.Zero);

    private static Order OrderIn(OrderStatus status, params OrderEvent[] later) => new("261125-203015-K7QD", "shopper-1", "ada@example.com",
        [new OrderLine("mug", "Enamel Camp Mug", 14.50m, 2)], status, PlacedAt, PlacedAt, null, "c-1",
        new ShippingAddress("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", null),
        [new OrderEvent(OrderStatus.Pending, PlacedAt, OrderActor.Shopper), new OrderEvent(OrderStatus.Confirmed, PlacedAt, OrderActor.System), .. later]);

    [Fact]
    public void The_shipped_email_gives_the_carrier_the_tracking_number_and_the_tracking_link_in_both_bodies()
    {
        var order = OrderIn(OrderStatus.Shipped, new OrderEvent(OrderStatus.Shipped, PlacedAt, OrderActor.Operator, "op@shop.test")) with
        {
            Shipment = new Shipment("Parcelforce", "PF123456789GB", "https://track.example/?id=PF123&x=1"),
        };

        var email = StatusEmails.For(new OwedEmail(OrderStatus.Shipped), order, Options);

        Assert.Equal("Northwind Goods: order 261125-203015-K7QD has shipped", email.Subject);
        Assert.Contains("with Parcelforce, tracking number PF123456789GB", email.TextBody);
        Assert.Contains("Track your parcel: https://track.example/?id=PF123&x=1", email.TextBody);
        Assert.Contains("with Parcelforce, tracking number PF123456789GB", email.HtmlBody);
        Assert.Contains("<a href=\"https://track.example/?id=PF123&amp;x=1\">Track your parcel</a>", email.HtmlBody);
        Assert.Contains("London SW1Y 4JH", email.TextBody);
    }

    [Fact]
    public void The_cancelled_email_says_who_cancelled_and_why_escaped_and_that_nothing_was_charged()
    {
        var order = OrderIn(OrderStatus.Cancelled, new OrderEvent(OrderStatus.Cancelled, PlacedAt, OrderActor.Operator, "op@shop.test", "Out of <b>stock</b>"));

        var email = StatusEmails.For(new OwedEmail(OrderStatus.Cancelled), order, Options);

        Assert.Equal("Northwind Goods: order 261125-203015-K7QD is cancelled", email.Subject);
        Assert.Contains("We cancelled this order.", email.TextBody);
        Assert.Contains("Reason: Out of <b>stock</b>", email.TextBody);
        Assert.Contains("Reason: Out of &lt;b&gt;stock&lt;/b&gt;", email.HtmlBody);
        Assert.Contains("Nothing was charged.", email.TextBody);
        Assert.Contains("Nothing was charged.", email.HtmlBody);
        Assert.DoesNotContain("op@shop.test", email.TextBody);
    }

    [Fact]
    public void A_shoppers_own_cancellation_is_told_as_theirs()
    {
        var order = OrderIn(OrderStatus.Cancelled, new OrderEvent(OrderStatus.Cancelled, PlacedAt, OrderActor.Shopper));

        Assert.Contains("You cancelled this order.", StatusEmails.For(new OwedEmail(OrderStatus.Cancelled), order, Options).TextBody);
    }

    [Fact]
    public void The_delivered_email_says_so_and_a_resend_of_a_confirmation_is_the_confirmation()
    {
        Assert.Equal("Northwind Goods: order 261125-203015-K7QD has been delivered",
            StatusEmails.For(new OwedEmail(OrderStatus.Delivered), OrderIn(OrderStatus.Delivered), Options).Subject);
        Assert.Equal("Northwind Goods: order 261125-203015-K7QD is confirmed",
            StatusEmails.For(new OwedEmail(OrderStatus.Confirmed, 2), OrderIn(OrderStatus.Confirmed), Options).Subject);
    }

    [Theory]
    [InlineData("SHIPPED", true)]
    [InlineData("CANCELLED#7", true)]
    [InlineData("CONFIRMED#2", true)]
    [InlineData("CONFIRMED", false)] // the confirmation is owed through its own flow
    [InlineData("PENDING#1", false)]
    [InlineData("shipped", false)]
    [InlineData("1", false)]
    [InlineData("SHIPPED#-1", false)]
    [InlineData("SHIPPED#1#2", false)]
    [InlineData("", false)]
    public void Only_the_ids_of_real_emails_are_read(string id, bool known)
    {
        Assert.Equal(known, OwedEmail.TryParse(id, out var email));
        if (known)
        {
            Assert.Equal(id, email!.Id);
        }
    }
}

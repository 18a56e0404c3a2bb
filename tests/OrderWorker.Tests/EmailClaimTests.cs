using Microsoft.Extensions.DependencyInjection;
using Shop.Shared.Orders;

namespace OrderWorker.Tests;

/// <summary>The email claim when DynamoDB's answer is lost: the AWS SDK sends the same request again.</summary>
[Collection(WorkerCollection.Name)]
public sealed class EmailClaimTests(WorkerFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_claim_resent_after_its_answer_was_lost_is_still_the_claimers_and_no_other_delivery_gets_it()
    {
        await using var worker = fixture.CreateWorker();
        var orders = worker.Services.GetRequiredService<OrderStore>();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));
        await orders.ConfirmAsync(order.ShopperId, order.OrderId, CancellationToken.None);

        // The first claim took effect but its answer never arrived (a dropped connection, a 500 after the write):
        // the SDK retries with the very same request, which must not find the claim "held elsewhere".
        var first = await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-1", Lease, CancellationToken.None);
        var resent = await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-1", Lease, CancellationToken.None);
        var other = await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-2", Lease, CancellationToken.None);

        Assert.Equal(EmailClaim.Claimed, first);
        Assert.Equal(EmailClaim.Claimed, resent);
        Assert.Equal(EmailClaim.HeldElsewhere, other);
    }

    [Fact]
    public async Task The_write_that_confirms_an_order_claims_its_email_for_that_delivery_and_for_no_other()
    {
        await using var worker = fixture.CreateWorker();
        var orders = worker.Services.GetRequiredService<OrderStore>();
        var order = await fixture.PlacePendingOrderAsync(new OrderLine("enamel-camp-mug", "Enamel Camp Mug", 14.50m, 1));

        var (confirmed, _) = await orders.ConfirmAndClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-1", CancellationToken.None);
        // Its answer lost, the SDK resends the same write: it finds the order confirmed, and the claim still its own.
        var (resent, _) = await orders.ConfirmAndClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-1", CancellationToken.None);
        var other = await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-2", Lease, CancellationToken.None);
        var sameDelivery = await orders.ClaimEmailAsync(order.ShopperId, order.OrderId, "delivery-1", Lease, CancellationToken.None);

        Assert.Equal(ConfirmOutcome.Confirmed, confirmed);
        Assert.Equal(ConfirmOutcome.AlreadyConfirmed, resent);
        Assert.Equal(EmailClaim.HeldElsewhere, other);
        Assert.Equal(EmailClaim.Claimed, sameDelivery);
    }
}

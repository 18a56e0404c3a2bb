using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// An order's later life in real browsers against the whole local stack: a shopper orders with an address, an
/// operator (a real admin, in a browser of their own) finds it by the shopper's email and ships it, the shopper sees
/// the shipped step and gets the tracking number by email; a second order the shopper cancels puts its stock back.
/// Once with JavaScript and once without.
/// </summary>
[Collection(ShopCollection.Name)]
public sealed class OrderLifecycleJourneyTests(ShopFixture shop)
{
    private const string Notebook = "A5 Dot Grid Notebook";
    private const string Pen = "Brass Fountain Pen";
    private const string PenId = "brass-fountain-pen";
    private const string Carrier = "Royal Mail";

    [Fact]
    public Task With_JavaScript_an_operator_ships_a_found_order_with_tracking_and_a_shopper_cancelled_order_returns_its_stock() =>
        shop.InBrowserAsync(page => TheLifecycleAsync(page, javaScript: true,
            nameof(With_JavaScript_an_operator_ships_a_found_order_with_tracking_and_a_shopper_cancelled_order_returns_its_stock)));

    [Fact]
    public Task Without_JavaScript_an_operator_ships_a_found_order_with_tracking_and_a_shopper_cancelled_order_returns_its_stock() =>
        shop.InBrowserAsync(page => TheLifecycleAsync(page, javaScript: false,
            nameof(Without_JavaScript_an_operator_ships_a_found_order_with_tracking_and_a_shopper_cancelled_order_returns_its_stock)),
            javaScript: false);

    private async Task TheLifecycleAsync(IPage page, bool javaScript, string testName)
    {
        var shopper = new Shopper(page, shop, javaScript);
        await shopper.OpenTheShopAsync();
        await shopper.SearchAsync("notebook");
        await shopper.AddToCartFromTheGridAsync(Notebook, expectedCartCount: 1);
        await shopper.CreateAccountAsync();
        await shopper.OpenTheCartAsync();
        await shopper.CheckOutAsync("$18.00");
        var shippedId = await shopper.PlaceOrderAsync();
        await shopper.WaitUntilTheOrderIsConfirmedAsync();

        // Unique per run, so the email found below can only be this shipment's.
        var trackingNumber = $"RM{Random.Shared.NextInt64(100_000_000, 999_999_999)}GB";
        await shop.InBrowserAsync(async operatorPage =>
        {
            var @operator = new FulfilmentOperator(operatorPage, shop, javaScript);
            await @operator.SignInAsAnAdminAsync();
            await @operator.FindOrdersOfAsync(shopper.Email);
            await Expect(@operator.ResultRow(shippedId).GetByRole(AriaRole.Cell)).ToHaveTextAsync(
                [Exactly(shippedId), new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"), Exactly(shopper.Email), Exactly("Confirmed"), Exactly("$18.00")]);
            await @operator.OpenOrderAsync(shippedId);
            await @operator.MarkShippedAsync(Carrier, trackingNumber);
        }, javaScript, testName + "-operator");

        // The shopper finds it among their shipped orders and sees the new step on its timeline.
        await page.GetByRole(AriaRole.Link, new() { Name = "All your orders" }).ClickAsync();
        await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Shipped" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]status=shipped"));
        var listed = page.Locator("table.orders tbody tr");
        await Expect(listed).ToHaveCountAsync(1);
        await listed.GetByRole(AriaRole.Link, new() { Name = shippedId }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Order {shippedId}");
        await Expect(shopper.OrderStatus).ToHaveTextAsync("Shipped");
        await Expect(page.Locator("#order-status .timeline li strong")).ToHaveTextAsync(["Placed", "Confirmed", "Shipped"]);

        var email = await shop.Mailbox.WaitForEmailAsync(shopper.Email, e => e.Subject.Contains(shippedId) && e.Subject.Contains("shipped"),
            Shopper.ConfirmationTimeout);
        Assert.Equal($"Northwind Goods: order {shippedId} has shipped", email.Subject);
        Assert.Contains($"It is on its way with {Carrier}, tracking number {trackingNumber}.", email.Text);

        // A second order, cancelled by the shopper after the confirmation step: its stock comes back.
        await shopper.SearchAsync("fountain pen");
        await shopper.OpenProductAsync(Pen);
        var stockBefore = await shop.StockOfAsync(PenId);
        await shopper.AddToCartFromTheProductPageAsync(expectedCartCount: 1);
        await shopper.OpenTheCartAsync();
        await shopper.CheckOutAsync("$58.00");
        var cancelledId = await shopper.PlaceOrderAsync(); // the address is the one given for the first order
        Assert.Equal(stockBefore - 1, await shop.StockOfAsync(PenId));
        // Cancel once the worker is done with it, so the cancel never races the confirmation.
        await shopper.WaitUntilTheOrderIsConfirmedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Cancel order {cancelledId}?");
        Assert.Equal(stockBefore - 1, await shop.StockOfAsync(PenId)); // asking is not cancelling
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the order" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your order is cancelled." })).ToBeVisibleAsync();
        await Expect(shopper.OrderStatus).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator("#order-status .timeline li strong")).ToHaveTextAsync(["Placed", "Confirmed", "Cancelled by you"]);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        Assert.Equal(stockBefore, await shop.StockOfAsync(PenId));
    }

    private static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");
}

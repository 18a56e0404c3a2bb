using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>An axe-core scan of the pages of an order's later life: the shopper's cancel confirmation and filtered
/// order list, the operator's order search (with results) and order page.</summary>
[Collection(ShopCollection.Name)]
public sealed class OrderLifecycleAccessibilityTests(ShopFixture shop)
{
    private const string Pencils = "Cedar Pencils, Set of 6";

    [Fact]
    public Task The_order_lifecycle_pages_of_shoppers_and_operators_have_no_serious_or_critical_accessibility_violations() =>
        shop.InBrowserAsync(async page =>
        {
            var shopper = new Shopper(page, shop, javaScript: true);
            var violations = new List<string>();
            async Task ScanAsync(IPage scanned, string pageType) =>
                violations.AddRange(await AccessibilityTests.SeriousViolationsAsync(scanned, pageType));

            await shopper.OpenTheShopAsync();
            await shopper.SearchAsync("pencils");
            await shopper.AddToCartFromTheGridAsync(Pencils, expectedCartCount: 1);
            await shopper.CreateAccountAsync();
            await shopper.OpenTheCartAsync();
            await shopper.CheckOutAsync("$8.50");
            var orderId = await shopper.PlaceOrderAsync();
            await shopper.WaitUntilTheOrderIsConfirmedAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Cancel order" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Cancel order {orderId}?");
            await ScanAsync(page, "cancel confirmation");
            await page.GetByRole(AriaRole.Link, new() { Name = "No, keep my order" }).ClickAsync();
            await Expect(shopper.OrderStatus).ToHaveTextAsync("Confirmed");

            await page.GetByRole(AriaRole.Link, new() { Name = "All your orders" }).ClickAsync();
            await page.GetByLabel("Show", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Confirmed" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = orderId })).ToBeVisibleAsync();
            await ScanAsync(page, "orders, filtered by status");

            await shop.InBrowserAsync(async operatorPage =>
            {
                var @operator = new FulfilmentOperator(operatorPage, shop, javaScript: true);
                await @operator.SignInAsAnAdminAsync();
                await @operator.FindOrdersOfAsync(shopper.Email);
                await Expect(@operator.ResultRow(orderId)).ToBeVisibleAsync();
                await ScanAsync(operatorPage, "operations: orders found");
                await @operator.OpenOrderAsync(orderId);
                await ScanAsync(operatorPage, "operations: order");
            }, testName: nameof(The_order_lifecycle_pages_of_shoppers_and_operators_have_no_serious_or_critical_accessibility_violations) + "-operator");

            Assert.True(violations.Count == 0, string.Join("\n", violations));
        });
}

using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Cart;

namespace Storefront.Tests;

/// <summary>A cart changed by many requests at once (two tabs, a double click, a script) and a cart past its lifetime.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class CartContentionTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Fifty_concurrent_adds_to_one_cart_are_all_in_it_and_none_answers_a_server_error()
    {
        using var browser = shop.Storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await CartPageTests.AntiforgeryTokenAsync(browser, "/");
        using var listing = JsonDocument.Parse(await browser.GetStringAsync("/api/products?page=1"));
        var products = listing.RootElement.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).Take(10).ToList();
        await browser.PostAsync("/cart/lines", CartPageTests.Form(token, ("productId", products[0]))); // the visitor's cart cookie

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            (await browser.PostAsync("/cart/lines", CartPageTests.Form(token, ("productId", products[i % 10])))).StatusCode));
        var cart = await new HtmlParser().ParseDocumentAsync(await browser.GetStringAsync("/cart"));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Redirect, status));
        var quantities = cart.QuerySelectorAll("tr[data-product-id]").ToDictionary(
            row => row.GetAttribute("data-product-id")!,
            row => int.Parse(row.QuerySelector("input[name=quantity]")!.GetAttribute("value")!, CultureInfo.InvariantCulture));
        Assert.Equal(products.ToDictionary(p => p, p => p == products[0] ? 6 : 5), quantities);
    }

    [Fact]
    public async Task Concurrent_first_requests_after_signing_in_fold_the_visitors_cart_in_exactly_once()
    {
        var shopper = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", Guid.NewGuid().ToString()), new Claim("email", "a@example.com")], "test"));
        await Cart().AddAsync(new DefaultHttpContext { User = shopper }, "brass-fountain-pen", 1, CancellationToken.None);
        var visitor = new DefaultHttpContext();
        await Cart().AddAsync(visitor, "enamel-camp-mug", 2, CancellationToken.None);
        await Cart().AddAsync(CartTests.WithCookiesFrom(visitor), "brass-fountain-pen", 1, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
        {
            var signedIn = CartTests.WithCookiesFrom(visitor);
            signedIn.User = shopper;
            return Cart().GetAsync(signedIn, CancellationToken.None);
        }));
        var folded = await Cart().GetAsync(new DefaultHttpContext { User = shopper }, CancellationToken.None);

        Assert.Equal([("brass-fountain-pen", 2), ("enamel-camp-mug", 2)], folded.Lines.Select(l => (l.ProductId, l.Quantity)).Order());
    }

    [Fact]
    public async Task A_cart_past_its_lifetime_but_not_yet_removed_is_empty_and_an_add_starts_it_afresh()
    {
        var visitor = new DefaultHttpContext();
        await Cart().AddAsync(visitor, "enamel-camp-mug", 3, CancellationToken.None);
        var cartId = $"anon#{visitor.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]).Single(c => c.StartsWith("cart=", StringComparison.Ordinal))[5..]}";
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = "CartsTable",
            Key = new() { ["CartId"] = new() { S = cartId } },
            UpdateExpression = "SET ExpiresAt = :past",
            ExpressionAttributeValues = new() { [":past"] = new() { N = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) } },
        });

        var expired = await Cart().GetAsync(CartTests.WithCookiesFrom(visitor), CancellationToken.None);
        await Cart().AddAsync(CartTests.WithCookiesFrom(visitor), "brass-fountain-pen", 1, CancellationToken.None);
        var afresh = await Cart().GetAsync(CartTests.WithCookiesFrom(visitor), CancellationToken.None);

        Assert.Empty(expired.Lines);
        Assert.Equal([("brass-fountain-pen", 1)], afresh.Lines.Select(l => (l.ProductId, l.Quantity)));
    }

    [Fact]
    public async Task A_cart_stored_as_a_list_of_lines_before_the_line_map_is_read_and_changed_in_place()
    {
        var id = Guid.NewGuid().ToString("N");
        using var dynamo = shop.Names.DynamoDb();
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = "CartsTable",
            Item = new()
            {
                ["CartId"] = new() { S = $"anon#{id}" },
                ["Lines"] = new() { L = [LegacyLine("enamel-camp-mug", 2), LegacyLine("brass-fountain-pen", 1)] },
                ["Version"] = new() { N = "3" },
                ["ExpiresAt"] = new() { N = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) },
            },
        });
        var visitor = new DefaultHttpContext();
        visitor.Request.Headers.Cookie = $"cart={id}";

        var stored = await Cart().GetAsync(visitor, CancellationToken.None);
        await Cart().AddAsync(visitor, "enamel-camp-mug", 1, CancellationToken.None);
        var changed = await Cart().GetAsync(visitor, CancellationToken.None);

        Assert.Equal([("enamel-camp-mug", 2), ("brass-fountain-pen", 1)], stored.Lines.Select(l => (l.ProductId, l.Quantity)));
        Assert.Equal([("enamel-camp-mug", 3), ("brass-fountain-pen", 1)], changed.Lines.Select(l => (l.ProductId, l.Quantity)));
    }

    private static AttributeValue LegacyLine(string productId, int quantity) => new()
    {
        M = new() { ["ProductId"] = new() { S = productId }, ["Quantity"] = new() { N = quantity.ToString(CultureInfo.InvariantCulture) } },
    };

    /// <summary>The cart service as one request sees it (it is scoped: it remembers the request's cart).</summary>
    private CurrentCart Cart() => shop.Storefront.Services.CreateScope().ServiceProvider.GetRequiredService<CurrentCart>();
}

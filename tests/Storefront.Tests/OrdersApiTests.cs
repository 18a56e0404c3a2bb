using Storefront.Orders;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using TestSupport.Browsing;

namespace Storefront.Tests;

[Collection(StorefrontCollection.Name)]
public sealed class OrdersApiTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Without_an_access_token_the_orders_api_answers_401()
    {
        using var client = shop.Storefront.CreateClient();

        var post = await client.PostAsJsonAsync("/api/orders", new { lines = new[] { new { productId = "enamel-camp-mug", quantity = 1 } } });
        var get = await client.GetAsync("/api/orders/261125-203015-K7QD");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
    }

    [Fact]
    public async Task An_order_placed_with_an_access_token_is_created_once_per_idempotency_key_and_readable_by_its_shopper_only()
    {
        var product = await shop.CreateProductAsync(price: 9.99m, stock: 10);
        var (alice, _) = await AccessTokenAsync();
        var (bob, _) = await AccessTokenAsync();
        var key = Guid.NewGuid().ToString();
        var order = new { lines = new[] { new { productId = product, quantity = 3, price = 0.01m } }, shippingAddress = ShippingAddresses.Json };

        var created = await Api(alice).SendAsync(Post(order, key));
        var replayed = await Api(alice).SendAsync(Post(order, key));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var mine = await Api(alice).GetAsync(created.Headers.Location);
        var theirs = await Api(bob).GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(29.97m, body.GetProperty("total").GetDecimal());
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        Assert.Equal("SW1Y 4JH", body.GetProperty("shippingAddress").GetProperty("postalCode").GetString());
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(body.GetProperty("orderId").GetString(), (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString());
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal("application/problem+json", theirs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_shoppers_order_from_the_api_is_marked_no_store()
    {
        var product = await shop.CreateProductAsync(price: 3m, stock: 5);
        var (token, _) = await AccessTokenAsync();

        using var created = await Api(token).SendAsync(Post(new { lines = new[] { new { productId = product, quantity = 1 } }, shippingAddress = ShippingAddresses.Json }, Guid.NewGuid().ToString()));
        using var read = await Api(token).GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore, $"POST answered Cache-Control: {created.Headers.CacheControl}");
        Assert.True(read.Headers.CacheControl?.NoStore, $"GET answered Cache-Control: {read.Headers.CacheControl}");
    }

    [Fact]
    public async Task A_missing_idempotency_key_or_a_bad_line_is_a_validation_problem()
    {
        var (token, _) = await AccessTokenAsync();

        var noKey = await Api(token).PostAsJsonAsync("/api/orders", new { lines = new[] { new { productId = "enamel-camp-mug", quantity = 1 } } });
        var badQuantity = await Api(token).SendAsync(Post(new { lines = new[] { new { productId = "enamel-camp-mug", quantity = 11 } }, shippingAddress = ShippingAddresses.Json }, Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        Assert.Contains("Idempotency-Key", await noKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badQuantity.StatusCode);
        Assert.Equal("application/problem+json", badQuantity.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_order_without_an_address_or_with_a_bad_one_is_a_validation_problem_naming_the_field_and_takes_no_stock()
    {
        var product = await shop.CreateProductAsync(price: 5m, stock: 4);
        var (token, _) = await AccessTokenAsync();
        var lines = new[] { new { productId = product, quantity = 1 } };
        var address = ShippingAddresses.Sample;

        var problems = new Dictionary<string, HttpResponseMessage>
        {
            ["shippingAddress"] = await Api(token).SendAsync(Post(new { lines }, Guid.NewGuid().ToString())),
            ["shippingAddress.country"] = await Api(token).SendAsync(Post(new { lines, shippingAddress = new { address.FullName, address.Line1, address.City, country = "XX" } }, Guid.NewGuid().ToString())),
            ["shippingAddress.fullName"] = await Api(token).SendAsync(Post(new { lines, shippingAddress = new { fullName = "Ada\u0007", address.Line1, address.City, country = "GB" } }, Guid.NewGuid().ToString())),
        };

        foreach (var (field, response) in problems)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Equal(4, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task The_owner_cancels_an_order_through_the_api_once_and_another_shopper_gets_a_404()
    {
        var product = await shop.CreateProductAsync(price: 4m, stock: 5);
        var (owner, _) = await AccessTokenAsync();
        var (other, _) = await AccessTokenAsync();
        var created = await Api(owner).SendAsync(Post(new { lines = new[] { new { productId = product, quantity = 2 } }, shippingAddress = ShippingAddresses.Json }, Guid.NewGuid().ToString()));
        var cancelUrl = $"{created.Headers.Location}/cancel";

        var theirs = await Api(other).PostAsync(cancelUrl, null);
        var mine = await Api(owner).PostAsync(cancelUrl, null);
        var again = await Api(owner).PostAsync(cancelUrl, null);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal("CANCELLED", (await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(5, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task An_id_token_is_not_accepted_as_an_access_token()
    {
        var (_, idToken) = await AccessTokenAsync();

        var response = await Api(idToken).GetAsync("/api/orders/261125-203015-K7QD");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Placing_orders_through_the_api_faster_than_the_limit_gets_a_429_problem_with_Retry_After()
    {
        await using var limited = shop.CreateShoppingStorefront(new Dictionary<string, string?>
        {
            ["RateLimits__CheckoutsPerWindow"] = "2",
            ["RateLimits__Window"] = "00:01:00",
        });
        var product = await shop.CreateProductAsync(price: 2.50m, stock: 10);
        var (token, _) = await AccessTokenAsync();
        var (someoneElse, _) = await AccessTokenAsync();
        var order = new { lines = new[] { new { productId = product, quantity = 1 } }, shippingAddress = ShippingAddresses.Json };

        var placed = new List<HttpResponseMessage>();
        for (var i = 0; i < 2; i++)
        {
            placed.Add(await Api(limited, token).SendAsync(Post(order, Guid.NewGuid().ToString())));
        }
        var refused = await Api(limited, token).SendAsync(Post(order, Guid.NewGuid().ToString()));
        var othersOrder = await Api(limited, someoneElse).SendAsync(Post(order, Guid.NewGuid().ToString()));
        var reading = await Api(limited, token).GetAsync(placed[0].Headers.Location);

        Assert.All(placed, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("correlationId", out _));
        Assert.Equal(HttpStatusCode.Created, othersOrder.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
        Assert.Equal(7, await shop.StockOfAsync(product));
    }

    [Fact]
    public async Task The_bearers_orders_page_through_with_a_cursor_and_filter_by_status_and_a_cursor_is_theirs_alone()
    {
        var product = await shop.CreateProductAsync(price: 2m, stock: 40);
        var (alice, _) = await AccessTokenAsync();
        var (bob, _) = await AccessTokenAsync();
        var aliceId = Subject(alice);
        var placed = new List<string>();
        for (var i = 0; i < ShopperOrderList.PageSize + 2; i++)
        {
            placed.Add((await PlacedOrders.PlaceAsync(shop.Shopping, aliceId, product)).OrderId);
        }
        var cancellation = shop.Shopping.Services.GetRequiredService<OrderCancellation>();
        await cancellation.CancelAsync(aliceId, placed[3], Shop.Shared.Orders.OrderActor.Shopper, null, null, "corr-list", CancellationToken.None);

        var first = await (await Api(alice).GetAsync("/api/orders")).Content.ReadFromJsonAsync<JsonElement>();
        var next = first.GetProperty("next").GetString()!;
        var second = await (await Api(alice).GetAsync($"/api/orders?cursor={Uri.EscapeDataString(next)}")).Content.ReadFromJsonAsync<JsonElement>();
        var cancelled = await (await Api(alice).GetAsync("/api/orders?status=cancelled")).Content.ReadFromJsonAsync<JsonElement>();
        var stolen = await Api(bob).GetAsync($"/api/orders?cursor={Uri.EscapeDataString(next)}");
        var unknown = await Api(alice).GetAsync("/api/orders?status=refunded");

        static List<string> Ids(JsonElement page) => page.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToList();
        Assert.Equal(ShopperOrderList.PageSize, Ids(first).Count);
        Assert.Equal(placed.Order(), Ids(first).Concat(Ids(second)).Order());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal([placed[3]], Ids(cancelled));
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The shopper's id (<c>sub</c>) an access token carries.</summary>
    private static string Subject(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }

    private HttpClient Api(string token) => Api(shop.Shopping, token);

    private static HttpClient Api(WebApplicationFactory<Program> storefront, string token)
    {
        var client = storefront.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static HttpRequestMessage Post(object order, string idempotencyKey) => new(HttpMethod.Post, "/api/orders")
    {
        Content = JsonContent.Create(order),
        Headers = { { "Idempotency-Key", idempotencyKey } },
    };

    /// <summary>A new shopper signs up on the hosted UI, and the app client redeems the code for their tokens.</summary>
    private async Task<(string AccessToken, string IdToken)> AccessTokenAsync()
    {
        using var browser = new Browser();
        var flow = new CodeFlow(shop.SignIn, $"{shop.Origins[0]}/signin-oidc");
        var login = await browser.OpenAsync(flow.AuthorizeUrl());
        var callback = await browser.SignUpConfirmAndSignInAsync(login, shop.Mailbox, HostedUi.NewEmail(), flow.IsCallback);
        var tokens = await CodeFlow.TokensAsync(await flow.RedeemAsync(CodeFlow.CodeFrom(callback.Url)));
        return (tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("id_token").GetString()!);
    }
}

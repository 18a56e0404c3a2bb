using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Storefront.Tests;

/// <summary>What the abuse tests do over and over: take a page's antiforgery token, post a form, check the answer.</summary>
public static class AbuseTestSupport
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>A browser-like client (cookies kept, redirects not followed), signed in as <paramref name="shopper"/> if given.</summary>
    public static HttpClient Browser(this WebApplicationFactory<Program> storefront, string? shopper = null)
    {
        var client = storefront.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (shopper is not null)
        {
            client.DefaultRequestHeaders.Add(TestSignInHandler.Header, shopper);
        }
        return client;
    }

    public static async Task<string> TokenAsync(this HttpClient client, string page)
    {
        var html = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(page));
        return html.QuerySelector($"input[name={TokenField}]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    public static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Concat(token is null ? [] : [KeyValuePair.Create(TokenField, token)]));

    /// <summary>The checkout form for buying <paramref name="productId"/> now, as the shopper's browser gets it, with the
    /// sample shipping address filled in.</summary>
    public static async Task<Dictionary<string, string>> CheckoutFormAsync(this HttpClient client, string productId, int quantity = 1)
    {
        var html = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync($"/checkout?buy={productId}&quantity={quantity}"));
        return html.QuerySelectorAll("form.checkout-form input[name]")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "").WithAddress();
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Whatever was sent, the shop answered without a server error.</summary>
    public static HttpResponseMessage NotAServerError(this HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode < 500, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
        return response;
    }

    public static void IsClientError(this HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        response.NotAServerError();
        Assert.True(expected.Length == 0 ? (int)response.StatusCode is >= 400 and < 500 : expected.Contains(response.StatusCode),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}.");
    }
}

/// <summary>
/// A products table of the hardening tests' own, seeded like the real one: the products they add and the stock they
/// take never show in the catalog counts other tests assert on. Made once per test run.
/// </summary>
public static class SeparateCatalog
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _table;

    public static async Task<string> TableAsync(StorefrontFixture shop)
    {
        await Gate.WaitAsync();
        try
        {
            if (_table is null)
            {
                var table = $"HardeningProducts{Guid.NewGuid():N}"[..30];
                using var dynamo = LocalDev.LocalAws.LocalAwsClients.DynamoDb(shop.Names);
                await dynamo.CreateTableAsync(new Amazon.DynamoDBv2.Model.CreateTableRequest
                {
                    TableName = table,
                    KeySchema = [new("ProductId", Amazon.DynamoDBv2.KeyType.HASH)],
                    AttributeDefinitions = [new("ProductId", Amazon.DynamoDBv2.ScalarAttributeType.S)],
                    BillingMode = Amazon.DynamoDBv2.BillingMode.PAY_PER_REQUEST,
                });
                var seed = LocalDev.LocalAws.SeedCatalog.Load(LocalDev.LocalAws.RepoPaths.SeedCatalog);
                await new LocalDev.LocalAws.CatalogSeeder(dynamo).SeedAsync(table, seed, CancellationToken.None);
                _table = table;
            }
            return _table;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The settings that point a Storefront at the separate catalog.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(StorefrontFixture shop, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(more ?? []) { ["Tables__Products"] = await TableAsync(shop) };
        return settings;
    }

    public static async Task<string> CreateProductAsync(StorefrontFixture shop, decimal price, int stock, string? name = null) =>
        await shop.CreateProductAsync(price, stock, name, await TableAsync(shop));
}

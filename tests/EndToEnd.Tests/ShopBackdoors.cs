using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;

namespace EndToEnd.Tests;

/// <summary>What the tests do beside the browser, the way an operator of the local stack would: make a user an admin
/// with the identity provider's own command, and read a product's stock from the products table.</summary>
public static class ShopBackdoors
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <c>IdentityProvider make-admin</c> on the fixture's users; it counts from the next sign-in.</summary>
    public static async Task MakeAdminAsync(this ShopFixture shop, string email)
    {
        using var command = Process.Start(new ProcessStartInfo("dotnet", [RepoPaths.IdentityProviderAssembly, "make-admin", email])
        {
            Environment = { ["Provider__DataDirectory"] = shop.IdentityProviderDataDirectory },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = command.StandardOutput.ReadToEndAsync();
        var errors = command.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await command.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            command.Kill(entireProcessTree: true);
            throw;
        }
        Assert.True(command.ExitCode == 0, $"make-admin {email} failed: {await output}{await errors}");
    }

    /// <summary>The product's stock as stored, read consistently (the product page shows a cached snapshot).</summary>
    public static async Task<int> StockOfAsync(this ShopFixture shop, string productId)
    {
        using var dynamo = new LocalStackNames(shop.DynamoDbUrl, "", "").DynamoDb();
        var table = ServerlessTemplate.Load(RepoPaths.Template).RefTarget("StorefrontFunction", "Tables__Products");
        var item = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["ProductId"] = new AttributeValue { S = productId } },
            ConsistentRead = true,
        });
        return int.Parse(item.Item["Stock"].N, CultureInfo.InvariantCulture);
    }
}

using System.Net;
using Amazon.DynamoDBv2.Model;
using LocalDev.LocalAws;
using TestSupport.Browsing;

namespace Storefront.Tests;

/// <summary>The data-protection key ring every instance shares through DynamoDB, encrypted at rest.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class SharedKeyRingTests(StorefrontFixture shop)
{
    [Fact]
    public async Task Two_Storefront_instances_accept_each_others_session_cookies_and_antiforgery_tokens()
    {
        await using var first = shop.StartStorefront(1);
        await using var second = shop.StartStorefront(2);
        using var browser = new Browser();
        var email = HostedUi.NewEmail();

        var login = await browser.OpenAsync($"{shop.Origins[1]}/account");
        var accountOnFirst = await browser.SignUpConfirmAndSignInAsync(login, shop.Mailbox, email);
        var accountOnSecond = await browser.OpenAsync($"{shop.Origins[2]}/account");
        // The sign-out form (and its antiforgery token) from the first instance, posted to the second.
        var signOutOnSecond = await browser.SubmitAsync(accountOnFirst with { Url = new Uri($"{shop.Origins[2]}/account") },
            new Dictionary<string, string>(), action: "/account/signout", stopBefore: url => url.AbsolutePath == "/logout");

        Assert.Equal($"{shop.Origins[1]}/account", accountOnFirst.Url.AbsoluteUri);
        Assert.Equal($"{shop.Origins[2]}/account", accountOnSecond.Url.AbsoluteUri);
        Assert.Contains(email, accountOnSecond.Text);
        Assert.Equal($"{shop.SignIn.ProviderUrl}/logout", signOutOnSecond.Url.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task A_Storefront_with_another_key_ring_does_not_accept_the_session()
    {
        await using var first = shop.StartStorefront(1);
        using var browser = new Browser();
        await browser.SignUpConfirmAndSignInAsync(await browser.OpenAsync($"{shop.Origins[1]}/account"), shop.Mailbox, HostedUi.NewEmail());
        using (var dynamo = shop.Names.DynamoDb())
        {
            await new Provisioner(dynamo, shop.Names.Sqs(), shop.Names).ProvisionAsync(ServerlessTemplate.Parse("""
                { "Resources": { "OtherKeyRingTable": { "Type": "AWS::DynamoDB::Table", "Properties": {
                    "AttributeDefinitions": [{ "AttributeName": "FriendlyName", "AttributeType": "S" }],
                    "KeySchema": [{ "AttributeName": "FriendlyName", "KeyType": "HASH" }] } } } }
                """), CancellationToken.None);
        }
        await using var stranger = shop.CreateStorefront(new Dictionary<string, string?> { ["Tables__KeyRing"] = "OtherKeyRingTable" });
        using var client = stranger.CreateClient(new() { AllowAutoRedirect = false });
        var session = browser.Cookies.GetCookies(new Uri(shop.Origins[1])).Single(c => c.Name == "shop-session");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/account") { Headers = { { "Cookie", $"{session.Name}={session.Value}" } } };
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/oauth2/authorize", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_key_ring_is_stored_in_its_table_with_every_key_encrypted()
    {
        using var client = shop.Storefront.CreateClient(new() { AllowAutoRedirect = false });
        await client.GetAsync("/account"); // the sign-in challenge protects its state, so a key exists from here on
        using var dynamo = shop.Names.DynamoDb();

        var items = (await dynamo.ScanAsync(new ScanRequest { TableName = "DataProtectionKeysTable" })).Items;

        Assert.NotEmpty(items);
        Assert.All(items, item =>
        {
            Assert.StartsWith("key-", item["FriendlyName"].S);
            Assert.Contains("<encryptedKey kek=", item["Xml"].S);
            Assert.DoesNotContain("<masterKey", item["Xml"].S);
        });
    }
}

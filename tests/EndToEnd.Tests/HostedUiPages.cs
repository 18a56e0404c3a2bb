using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests;

/// <summary>
/// What a shopper does on the hosted-UI stand-in's pages (shaped like Cognito's): sign up, confirm with the code
/// from the mailbox, sign in. Plain forms, so the same with or without JavaScript.
/// </summary>
public sealed class HostedUiPages(IPage page, ShopFixture shop)
{
    public const string Password = "Corr3ct-Horse!";

    public async Task ExpectSignUpPageAsync()
    {
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(shop.IdentityProviderUrl)}/signup\\?"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign up with a new account" })).ToBeVisibleAsync();
    }

    public async Task SignUpAsync(string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We have sent a code by email to {email}");
    }

    /// <summary>Enters the code mailed to <paramref name="email"/>; the hosted UI then asks to sign in.</summary>
    public async Task ConfirmWithMailedCodeAsync(string email)
    {
        var code = await shop.Mailbox.WaitForCodeAsync(email);
        await page.GetByLabel("Verification code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm account" }).ClickAsync();
        await ExpectSignInPageAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your account is confirmed. Sign in to continue.");
    }

    public async Task ExpectSignInPageAsync()
    {
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(shop.IdentityProviderUrl)}/login\\?"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in with your email and password" })).ToBeVisibleAsync();
    }

    /// <summary>Signs in; the hosted UI returns to the shop, which is where the test goes on.</summary>
    public async Task SignInAsync(string email)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(shop.StorefrontUrl)}/"));
    }
}

using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Mvc;

namespace LocalDev.IdentityProvider.Pages;

public sealed class LoginModel(UserPool pool) : HostedUiPage
{
    [BindProperty(SupportsGet = true)]
    public string? Notice { get; set; }

    [BindProperty]
    public string Password { get; set; } = "";

    public bool NeedsConfirmation { get; private set; }

    public string? NoticeText => Notice switch
    {
        "confirmed" => "Your account is confirmed. Sign in to continue.",
        "password-reset" => "Your password has been changed. Sign in with the new one.",
        "signed-in" => "You are signed in.",
        _ => null,
    };

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = pool.SignIn(Email, Password);
        if (!result.Succeeded)
        {
            Error = result.Error!.Message;
            NeedsConfirmation = result.Error == PoolError.NotConfirmed;
            return Page();
        }
        await HostedUiSession.SignInAsync(HttpContext, result.User!);
        return CameFromApp ? ContinueTo("/oauth2/authorize") : ContinueTo("/login", Email, "signed-in");
    }
}

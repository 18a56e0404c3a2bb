using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Mvc;

namespace LocalDev.IdentityProvider.Pages;

public sealed class ConfirmForgotPasswordModel(UserPool pool) : HostedUiPage
{
    [BindProperty]
    public string Code { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var result = pool.ConfirmForgotPassword(Email, Code, Password);
        if (!result.Succeeded)
        {
            Error = result.Error!.Message;
            return Page();
        }
        return ContinueTo("/login", Email, "password-reset");
    }
}

using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Mvc;

namespace LocalDev.IdentityProvider.Pages;

public sealed class SignupModel(UserPool pool) : HostedUiPage
{
    [BindProperty]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await pool.SignUpAsync(Email, Password, cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Error!.Message;
            return Page();
        }
        return ContinueTo("/confirm", result.User!.Email);
    }
}

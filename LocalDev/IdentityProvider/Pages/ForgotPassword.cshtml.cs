using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Mvc;

namespace LocalDev.IdentityProvider.Pages;

public sealed class ForgotPasswordModel(UserPool pool) : HostedUiPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await pool.ForgotPasswordAsync(Email, cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Error!.Message;
            return Page();
        }
        return ContinueTo("/confirmForgotPassword", result.User!.Email);
    }
}

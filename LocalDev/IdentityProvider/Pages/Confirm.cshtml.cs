using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.Mvc;

namespace LocalDev.IdentityProvider.Pages;

public sealed class ConfirmModel(UserPool pool) : HostedUiPage
{
    [BindProperty]
    public string Code { get; set; } = "";

    public bool CodeResent { get; private set; }

    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var result = pool.ConfirmSignUp(Email, Code);
        if (!result.Succeeded)
        {
            Error = result.Error!.Message;
            return Page();
        }
        return ContinueTo("/login", Email, "confirmed");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var result = await pool.ResendConfirmationCodeAsync(Email, cancellationToken);
        Error = result.Error?.Message;
        CodeResent = result.Succeeded;
        return Page();
    }
}

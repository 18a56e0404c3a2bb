using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BareWebapp.Pages;

public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}


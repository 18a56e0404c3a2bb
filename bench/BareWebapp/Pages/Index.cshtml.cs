using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BareWebapp.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {

    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BareWebapp.Pages;

/// <summary>
/// Added for bench/ (not part of the template): serves a page the bench captured from the Storefront, byte for byte,
/// through an ordinary Razor page, so each Storefront page has a baseline of the same size that does no work. The
/// files are read once and kept in memory; Program.cs is left as the template wrote it.
/// </summary>
public class MirrorModel(IConfiguration configuration) : PageModel
{
    private static readonly ConcurrentDictionary<string, string> Pages = new(StringComparer.Ordinal);

    public string Html { get; private set; } = "";

    public IActionResult OnGet(string name)
    {
        var directory = configuration["Mirror:Directory"];
        if (string.IsNullOrEmpty(directory) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return NotFound();
        }
        var path = Path.Combine(directory, name + ".html");
        if (!Pages.ContainsKey(name) && !System.IO.File.Exists(path))
        {
            return NotFound();
        }
        Html = Pages.GetOrAdd(name, _ => System.IO.File.ReadAllText(path));
        return Page();
    }
}

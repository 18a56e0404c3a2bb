using System.Net;
using System.Text.RegularExpressions;

namespace TestSupport.Browsing;

/// <summary>A page's form as a browser submits it untouched: its action and every named input with its value.</summary>
public static partial class HtmlForms
{
    /// <summary>The first form whose action contains <paramref name="action"/> (the first form if null).</summary>
    public static (string? Action, Dictionary<string, string> Fields) Find(string html, string? action = null)
    {
        var form = FormPattern().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => action is null || (Attribute(f, "action")?.Contains(action, StringComparison.Ordinal) ?? false))
            ?? throw new InvalidOperationException($"No form with action '{action}' in:\n{html[..Math.Min(html.Length, 2000)]}");
        var fields = InputPattern().Matches(form).Select(m => m.Value)
            .Where(input => Attribute(input, "name") is not null)
            .ToDictionary(input => Attribute(input, "name")!, input => Attribute(input, "value") ?? "");
        return (Attribute(form, "action"), fields);
    }

    public static Dictionary<string, string> Fields(string html, string action) => Find(html, action).Fields;

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag.Split('>')[0], $"""\s{name}="([^"]*)""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<form\\b.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputPattern();
}

using System.Net;
using System.Text.RegularExpressions;

namespace Bench.Ordering;

/// <summary>A form's fields as a browser would submit them untouched: every named input with its value.</summary>
public static partial class Forms
{
    public static Dictionary<string, string> Fields(string html, string action)
    {
        var form = FormPattern().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => Attribute(f, "action") == action)
            ?? throw new InvalidOperationException($"No form posting to {action} in:\n{html[..Math.Min(html.Length, 2000)]}");
        return InputPattern().Matches(form).Select(m => m.Value)
            .Where(input => Attribute(input, "name") is not null)
            .ToDictionary(input => Attribute(input, "name")!, input => Attribute(input, "value") ?? "");
    }

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

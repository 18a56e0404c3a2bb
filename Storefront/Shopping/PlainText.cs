using System.Buffers;
using System.Text;

namespace Storefront.Shopping;

/// <summary>Text a person typed for other people to read (an address, a note): no control characters, no broken
/// UTF-16, no noncharacters.</summary>
public static class PlainText
{
    public static bool Is(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || Rune.IsControl(rune) || (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF)
            {
                return false;
            }
            i += used;
        }
        return true;
    }
}

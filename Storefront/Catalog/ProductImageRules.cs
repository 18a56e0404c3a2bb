using System.Buffers.Binary;
using System.Globalization;

namespace Storefront.Catalog;

/// <summary>
/// Which uploads may become a product's image: PNG, JPEG or WebP, told by their first bytes and accepted only if their
/// header gives a real size. Anything else (an SVG, which can carry script; an executable named .png) is refused.
/// </summary>
public static class ProductImageRules
{
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The most an editor form with an image may send: a file up to twice too large still gets its field
    /// message; beyond this the request is refused before it is read (the shop's 413 page). Under Lambda's 6 MB
    /// request payload once API Gateway has base64-encoded it.</summary>
    public const int MaxUploadRequestBytes = 2 * MaxBytes;

    /// <summary>Larger sides are not photos of a product but a way to make every shopper's browser decode a giant.</summary>
    public const int MaxSide = 10_000;

    public const string NotAnImage = "Choose a PNG, JPEG or WebP image: this file is none of those (SVG and other kinds are refused).";

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>An upload of <paramref name="length"/> bytes: read only if it is small enough, then checked.</summary>
    public static async Task<ImageCheck> ReadAsync(Stream upload, long length, CancellationToken cancellationToken)
    {
        if (length > MaxBytes)
        {
            return TooLarge(length);
        }
        var content = new byte[length];
        await upload.ReadExactlyAsync(content, cancellationToken);
        return Check(content);
    }

    public static ImageCheck Check(byte[] content)
    {
        if (content.Length > MaxBytes)
        {
            return TooLarge(content.Length);
        }
        var (format, size) = content.AsSpan() switch
        {
            var c when c.StartsWith(PngSignature) => (ImageFormat.Png, PngSize(c)),
            [0xFF, 0xD8, 0xFF, ..] => (ImageFormat.Jpeg, JpegSize(content)),
            var c when c.Length >= 16 && c[..4].SequenceEqual("RIFF"u8) && c[8..12].SequenceEqual("WEBP"u8) => (ImageFormat.WebP, WebPSize(c)),
            _ => (null, null),
        };
        if (format is null)
        {
            return new ImageCheck.Refused(NotAnImage);
        }
        if (size is not var (width, height) || width < 1 || height < 1)
        {
            return new ImageCheck.Refused($"This file starts like a {format.Name} image, but its size cannot be read: it may be damaged.");
        }
        if (width > MaxSide || height > MaxSide)
        {
            return new ImageCheck.Refused($"The image is {width}×{height} pixels; it can be at most {MaxSide:N0} pixels a side.");
        }
        return new ImageCheck.Accepted(format, width, height, content);
    }

    private static ImageCheck.Refused TooLarge(long length) => new(
        $"The image is {(length / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture)} MB; it can be at most {MaxBytes / (1024 * 1024)} MB.");

    /// <summary>The first chunk is IHDR (length 13): width and height, big-endian (PNG spec, 11.2.2).</summary>
    private static (int, int)? PngSize(ReadOnlySpan<byte> c) =>
        c.Length >= 33 && BinaryPrimitives.ReadUInt32BigEndian(c[8..]) == 13 && c[12..16].SequenceEqual("IHDR"u8)
            ? ((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(c[16..]), int.MaxValue), (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(c[20..]), int.MaxValue))
            : null;

    /// <summary>Walks the marker segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC), which holds
    /// the height and width; the image data (SOS) or the end before one means a damaged file.</summary>
    private static (int, int)? JpegSize(byte[] c)
    {
        var at = 2;
        while (at + 4 <= c.Length)
        {
            if (c[at] != 0xFF)
            {
                return null;
            }
            var marker = c[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                at += 2; // a marker without a segment
                continue;
            }
            if (marker is 0xD9 or 0xDA)
            {
                return null;
            }
            var length = (c[at + 2] << 8) | c[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                return length >= 7 && at + 9 <= c.Length ? ((c[at + 7] << 8) | c[at + 8], (c[at + 5] << 8) | c[at + 6]) : null;
            }
            if (length < 2)
            {
                return null;
            }
            at += 2 + length;
        }
        return null;
    }

    /// <summary>The first chunk says the encoding: VP8 (lossy: 14-bit sizes after the start code), VP8L (lossless:
    /// 14-bit sizes minus one after the 0x2F signature) or VP8X (extended: 24-bit sizes minus one).</summary>
    private static (int, int)? WebPSize(ReadOnlySpan<byte> c)
    {
        var chunk = c[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && c.Length >= 30 && c[23] == 0x9D && c[24] == 0x01 && c[25] == 0x2A)
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(c[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(c[28..]) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8) && c.Length >= 25 && c[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(c[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8) && c.Length >= 30)
        {
            return ((c[24] | (c[25] << 8) | (c[26] << 16)) + 1, (c[27] | (c[28] << 8) | (c[29] << 16)) + 1);
        }
        return null;
    }
}

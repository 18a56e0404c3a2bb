using Storefront.Catalog;

namespace Storefront.Tests;

/// <summary>Which files may become a product's image: told by their content and a real read of their size.</summary>
public sealed class ProductImageRulesTests
{
    public static TheoryData<string, byte[], string, int, int> Images => new()
    {
        { "PNG", TestImages.Png(4, 3), "image/png", 4, 3 },
        { "JPEG", TestImages.JpegHeader(640, 480), "image/jpeg", 640, 480 },
        { "lossless WebP", TestImages.WebPLossless, "image/webp", 1, 1 },
        { "lossy WebP", TestImages.WebPLossy, "image/webp", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void A_png_jpeg_or_webp_is_accepted_with_the_size_its_header_gives(string kind, byte[] content, string contentType, int width, int height)
    {
        var accepted = Assert.IsType<ImageCheck.Accepted>(ProductImageRules.Check(content));

        Assert.Equal((contentType, width, height), (accepted.Format.ContentType, accepted.Width, accepted.Height));
        Assert.NotEmpty(kind);
    }

    [Fact]
    public void An_executable_an_svg_or_text_is_refused_whatever_it_is_called()
    {
        foreach (var content in new[] { TestImages.Executable, TestImages.Svg, "GIF89a"u8.ToArray(), Array.Empty<byte>() })
        {
            Assert.Equal(ProductImageRules.NotAnImage, Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(content)).Reason);
        }
    }

    [Fact]
    public void A_file_that_starts_like_an_image_but_has_no_readable_size_is_refused_as_damaged()
    {
        var cutPng = TestImages.Png(2, 2)[..20];
        byte[] jpegWithoutFrame = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 0xFF, 0xD9];
        var webPOfUnknownChunk = TestImages.WebPLossless.ToArray();
        "VP9Z"u8.CopyTo(webPOfUnknownChunk.AsSpan(12));

        Assert.Equal("This file starts like a PNG image, but its size cannot be read: it may be damaged.",
            Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(cutPng)).Reason);
        Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(jpegWithoutFrame));
        Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(webPOfUnknownChunk));
    }

    [Fact]
    public void An_image_over_2_MB_or_over_10000_pixels_a_side_is_refused()
    {
        byte[] large = [.. TestImages.Png(1, 1), .. new byte[ProductImageRules.MaxBytes]];

        Assert.Equal("The image is 2.0 MB; it can be at most 2 MB.", Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(large)).Reason);
        Assert.Equal("The image is 20000×480 pixels; it can be at most 10,000 pixels a side.",
            Assert.IsType<ImageCheck.Refused>(ProductImageRules.Check(TestImages.JpegHeader(20_000, 480))).Reason);
    }
}

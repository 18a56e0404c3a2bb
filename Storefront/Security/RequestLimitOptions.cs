using System.ComponentModel.DataAnnotations;

namespace Storefront.Security;

/// <summary>
/// How big a request may be. A shop's forms are a few hundred bytes and its URLs short, so the limits sit far below
/// the server's defaults (30 MB bodies, 8 KB request lines) and bound what one request can cost us.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>Largest request body, form or JSON (413 beyond it).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 32 * 1024;

    /// <summary>Longest query string, <c>?</c> included (414 beyond it).</summary>
    [Range(256, 8 * 1024)]
    public int MaxQueryStringLength { get; set; } = 2048;

    /// <summary>Largest total of header names and values, cookies included (431 beyond it).</summary>
    [Range(4 * 1024, 32 * 1024)]
    public int MaxHeadersBytes { get; set; } = 16 * 1024;

    /// <summary>Most fields in one form: checkout's 20 lines take 40, plus the token and key (400 beyond it).</summary>
    [Range(50, 1024)]
    public int MaxFormFields { get; set; } = 100;
}

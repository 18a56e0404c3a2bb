namespace Storefront.Site;

/// <summary>
/// TempData, a message for the page after a redirect, lives in this cookie until it is read: named like the shop's
/// other cookies rather than after the framework, and kept whatever a consent policy says. While it is there, a
/// message waits, so the next page must be rendered for this visitor.
/// </summary>
public static class TempDataCookie
{
    public const string Name = "notice";
}

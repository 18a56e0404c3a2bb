using System.ComponentModel.DataAnnotations;

namespace Storefront.Account;

/// <summary>The Cognito user pool app client the shop signs shoppers in with, and where the shop is served.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The user pool's issuer, <c>https://cognito-idp.{region}.amazonaws.com/{userPoolId}</c>.</summary>
    [Required, Url]
    public string Authority { get; set; } = "";

    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>The app client's secret: from the deployment's configuration, never from the repository.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>The hosted UI's domain, <c>https://{prefix}.auth.{region}.amazoncognito.com</c>; its <c>/logout</c>
    /// ends the hosted-UI session.</summary>
    [Required, Url]
    public string CognitoDomain { get; set; } = "";

    /// <summary>The origin shoppers use, e.g. <c>https://shop.example.com</c>. Redirect URIs and cookies are built on
    /// it, whatever the Host or X-Forwarded-* headers of a request say.</summary>
    [Required, Url]
    public string PublicOrigin { get; set; } = "";

    /// <summary>
    /// How long an instance may show a signed-in shopper public pages (the catalog and product pages) from the session
    /// it read, stored or renewed itself, instead of reading it again. The trade-off: for that long, a session ended on
    /// another instance may still see its email in those pages' header there; it can neither act (every unsafe request
    /// reads the session) nor see anything private. Zero reads the session on every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan PublicPageSessionReuse { get; set; } = TimeSpan.FromSeconds(10);

    public Uri PublicOriginUri => new(PublicOrigin);

    public bool ServedOverHttps => PublicOriginUri.Scheme == Uri.UriSchemeHttps;

    /// <summary>Cognito's sign-out: ends the hosted-UI session, then returns to the shop's home page (a sign-out URL
    /// registered with the app client).</summary>
    public string LogoutUrl =>
        $"{CognitoDomain.TrimEnd('/')}/logout?client_id={Uri.EscapeDataString(ClientId)}&logout_uri={Uri.EscapeDataString(PublicOrigin.TrimEnd('/') + "/")}";

    public bool IsOriginOnly => Uri.TryCreate(PublicOrigin, UriKind.Absolute, out var uri) && uri.PathAndQuery == "/";

    public bool UsesHttps => new Uri(Authority).Scheme == Uri.UriSchemeHttps && ServedOverHttps;
}

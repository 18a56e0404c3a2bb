using System.ComponentModel.DataAnnotations;
using LocalDev.LocalAws;

namespace LocalDev.IdentityProvider;

/// <summary>
/// How the local provider is set up: a Cognito-shaped user pool id, where it keeps users and keys, the SES emulator
/// that carries its codes, and the one app client (the Storefront) it trusts. Set by the app host or a test fixture.
/// </summary>
public sealed class ProviderOptions
{
    public const string Section = "Provider";

    /// <summary>Where browsers and the Storefront reach the provider, e.g. <c>http://127.0.0.1:5090</c>.</summary>
    [Required, Url]
    public string Url { get; set; } = "";

    /// <summary>Cognito's form, <c>region_id</c>. The issuer is <c>{Url}/{UserPoolId}</c>, as Cognito's is.</summary>
    [Required, RegularExpression("^[a-z]{2}-[a-z]+-[0-9]_[A-Za-z0-9]+$")]
    public string UserPoolId { get; set; } = "";

    /// <summary>Users and the signing key, kept across restarts (under the git-ignored <c>.local/</c>).</summary>
    [Required]
    public string DataDirectory { get; set; } = Path.Combine(RepoPaths.Root, ".local", "identity-provider");

    /// <summary>The SES emulator; codes are mailed through it so they land in the local mailbox.</summary>
    [Required, Url]
    public string SesUrl { get; set; } = "";

    [Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@sign-in.local";

    /// <summary>Cognito's: a sign-up code lasts 24 hours, a password-reset code one hour.</summary>
    public TimeSpan ConfirmationCodeLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PasswordResetCodeLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The app client: a confidential client with exactly these callback and sign-out URLs.</summary>
    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    [Required, MinLength(1)]
    public List<string> RedirectUris { get; set; } = [];

    [Required, MinLength(1)]
    public List<string> LogoutUris { get; set; } = [];

    /// <summary>Form posts (sign-in, sign-up, confirm, forgot and reset password) one client IP address may make
    /// per <see cref="FormPostWindow"/>; beyond, 429 "Attempt limit exceeded", as Cognito answers.</summary>
    [Range(1, 10_000)]
    public int FormPostsPerWindow { get; set; } = 100;

    public TimeSpan FormPostWindow { get; set; } = TimeSpan.FromMinutes(1);

    public Uri Issuer => new($"{Url.TrimEnd('/')}/{UserPoolId}");
}

using System.Globalization;
using System.Security.Cryptography;

namespace LocalDev.LocalAws;

/// <summary>
/// How sign-in is wired locally: the identity provider (the stand-in for Cognito's hosted UI) on
/// <paramref name="ProviderPort"/>, with the Storefront registered as its app client for each of
/// <paramref name="StorefrontOrigins"/>. Gives the provider its settings and the Storefront the <c>Auth__…</c> settings
/// that serverless.template takes from Cognito in AWS.
/// </summary>
public sealed record LocalSignIn(int ProviderPort, IReadOnlyList<string> StorefrontOrigins, string ClientSecret)
{
    /// <summary>Cognito's form: region_id.</summary>
    public const string UserPoolId = "us-east-1_LocalPool";
    public const string ClientId = "storefront-local";

    public string ProviderUrl => $"http://127.0.0.1:{ProviderPort.ToString(CultureInfo.InvariantCulture)}";
    public string Issuer => $"{ProviderUrl}/{UserPoolId}";

    /// <summary>A fresh app-client secret: generated for each run, never stored.</summary>
    public static string NewClientSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Environment for the provider: the SES emulator it mails codes through and where it keeps users.</summary>
    public Dictionary<string, string> ProviderConfiguration(string sesUrl, string dataDirectory)
    {
        var settings = new Dictionary<string, string>
        {
            ["Provider__Url"] = ProviderUrl,
            ["Provider__UserPoolId"] = UserPoolId,
            ["Provider__DataDirectory"] = dataDirectory,
            ["Provider__SesUrl"] = sesUrl,
            ["Provider__ClientId"] = ClientId,
            ["Provider__ClientSecret"] = ClientSecret,
        };
        for (var i = 0; i < StorefrontOrigins.Count; i++)
        {
            settings[$"Provider__RedirectUris__{i}"] = $"{StorefrontOrigins[i]}/signin-oidc";
            settings[$"Provider__LogoutUris__{i}"] = $"{StorefrontOrigins[i]}/";
        }
        return settings;
    }

    /// <summary>The Storefront's sign-in settings, for the instance served at <paramref name="publicOrigin"/>.</summary>
    public Dictionary<string, string> StorefrontConfiguration(string publicOrigin) => new()
    {
        ["Auth__Authority"] = Issuer,
        ["Auth__ClientId"] = ClientId,
        ["Auth__ClientSecret"] = ClientSecret,
        ["Auth__CognitoDomain"] = ProviderUrl,
        ["Auth__PublicOrigin"] = publicOrigin,
    };
}

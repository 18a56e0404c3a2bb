namespace Storefront.Security;

/// <summary>
/// What CloudFront sends the Storefront to show a request came through it (the template's <c>OriginSecret</c>
/// parameter). Empty where there is no CloudFront (locally); in Lambda outside Development it is required.
/// </summary>
public sealed class CloudFrontOptions
{
    public const string Section = "CloudFront";

    public const int MinimumSecretLength = 32;

    public string OriginSecret { get; set; } = "";
}

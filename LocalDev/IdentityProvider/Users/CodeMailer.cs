using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace LocalDev.IdentityProvider.Users;

/// <summary>
/// Mails codes through the local SES emulator's v2 API (<c>POST /v2/email/outbound-emails</c>), so they land in the
/// same local mailbox as the shop's own emails. The emulator wants an AWS-style Authorization header but verifies no
/// signature, so a placeholder does and no AWS SDK is needed here.
/// </summary>
public sealed class CodeMailer(HttpClient http, IOptions<ProviderOptions> options)
{
    private const string UnsignedAuthorization =
        "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/ses/aws4_request, SignedHeaders=host, Signature=unsigned";

    // SES's JSON names are PascalCase, as declared below (JsonContent would camelCase them by default).
    private static readonly JsonSerializerOptions SesJson = new();

    public async Task SendCodeAsync(string to, string subject, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{options.Value.SesUrl.TrimEnd('/')}/v2/email/outbound-emails")
        {
            Content = JsonContent.Create(new
            {
                FromEmailAddress = options.Value.FromAddress,
                Destination = new { ToAddresses = new[] { to } },
                Content = new { Simple = new { Subject = new { Data = subject }, Body = new { Text = new { Data = text } } } },
            }, options: SesJson),
        };
        request.Headers.TryAddWithoutValidation("Authorization", UnsignedAuthorization);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}

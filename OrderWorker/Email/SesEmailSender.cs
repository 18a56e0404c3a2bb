using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Options;
using Shop.Shared.Aws;

namespace OrderWorker.Email;

public sealed record EmailMessage(string To, string Subject, string HtmlBody, string TextBody);

/// <summary>The send failed, after retries for throttling and server errors; the caller lets SQS redeliver.</summary>
public sealed class EmailNotSentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends email through the SES v2 API (<c>POST /v2/email/outbound-emails</c>) with a SigV4-signed request, because no
/// SES package of the AWS SDK is available. Credentials come from the SDK's default chain (the Lambda role).
/// </summary>
public sealed class SesEmailSender(HttpClient http, IOptions<AwsOptions> aws, IOptions<ConfirmationEmailOptions> email, TimeProvider clock, ILogger<SesEmailSender> logger)
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1)];

    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            FromEmailAddress = email.Value.FromAddress,
            Destination = new { ToAddresses = new[] { message.To } },
            Content = new
            {
                Simple = new
                {
                    Subject = new { Data = message.Subject, Charset = "UTF-8" },
                    Body = new
                    {
                        Html = new { Data = message.HtmlBody, Charset = "UTF-8" },
                        Text = new { Data = message.TextBody, Charset = "UTF-8" },
                    },
                },
            },
        });

        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var request = await SignedRequestAsync(body, cancellationToken);
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (attempt < RetryDelays.Length)
            {
                logger.LogWarning(e, "SES unreachable (attempt {Attempt}); retrying", attempt + 1);
                await Task.Delay(RetryDelays[attempt], clock, cancellationToken);
                continue;
            }
            catch (HttpRequestException e)
            {
                throw new EmailNotSentException("SES could not be reached.", e);
            }

            using (response)
            {
                var answer = await response.Content.ReadAsStringAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(answer).RootElement.TryGetProperty("MessageId", out var id) ? id.GetString() ?? "" : "";
                }
                var transient = response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                if (transient && attempt < RetryDelays.Length)
                {
                    logger.LogWarning("SES answered {Status} (attempt {Attempt}); retrying", (int)response.StatusCode, attempt + 1);
                    await Task.Delay(RetryDelays[attempt], clock, cancellationToken);
                    continue;
                }
                throw new EmailNotSentException($"SES answered {(int)response.StatusCode}: {answer}");
            }
        }
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(byte[] body, CancellationToken cancellationToken)
    {
        var region = aws.Value.Region;
        var endpoint = string.IsNullOrWhiteSpace(aws.Value.ServiceUrls.SES)
            ? $"https://email.{region}.amazonaws.com"
            : aws.Value.ServiceUrls.SES.TrimEnd('/');
        var uri = new Uri($"{endpoint}/v2/email/outbound-emails");
        var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentialsAsync();
        cancellationToken.ThrowIfCancellationRequested();

        var now = clock.GetUtcNow().UtcDateTime;
        var headers = new Dictionary<string, string>
        {
            ["host"] = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}",
            ["content-type"] = "application/json",
            ["x-amz-date"] = now.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture),
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }
        var payloadHash = SigV4.PayloadHash(body);
        var authorization = SigV4.Authorization("POST", uri, headers, payloadHash,
            credentials.AccessKey, credentials.SecretKey, region, "ses", now);

        var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", headers["x-amz-date"]);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}

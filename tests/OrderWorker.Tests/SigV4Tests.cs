using OrderWorker.Email;

namespace OrderWorker.Tests;

/// <summary>Vectors from AWS's published Signature Version 4 test suite (credentials AKIDEXAMPLE, 2015-08-30).</summary>
public sealed class SigV4Tests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);
    private static readonly string EmptyPayload = SigV4.PayloadHash([]);

    [Theory]
    [InlineData("GET", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")] // get-vanilla
    [InlineData("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")] // get-vanilla-query-order-key-case
    [InlineData("GET", "https://example.amazonaws.com/\u1234", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")] // get-utf8
    [InlineData("POST", "https://example.amazonaws.com/", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")] // post-vanilla
    public void Signs_the_published_test_suite_requests_as_AWS_does(string method, string url, string signature)
    {
        var headers = new Dictionary<string, string> { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" };

        var authorization = SigV4.Authorization(method, new Uri(url), headers, EmptyPayload, AccessKey, SecretKey, "us-east-1", "service", SignedAt);

        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
            $"SignedHeaders=host;x-amz-date, Signature={signature}", authorization);
    }

    [Fact]
    public void A_changed_body_changes_the_signature()
    {
        var headers = new Dictionary<string, string> { ["host"] = "email.us-east-1.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" };
        var uri = new Uri("https://email.us-east-1.amazonaws.com/v2/email/outbound-emails");

        var one = SigV4.Authorization("POST", uri, headers, SigV4.PayloadHash("{\"a\":1}"u8), AccessKey, SecretKey, "us-east-1", "ses", SignedAt);
        var two = SigV4.Authorization("POST", uri, headers, SigV4.PayloadHash("{\"a\":2}"u8), AccessKey, SecretKey, "us-east-1", "ses", SignedAt);

        Assert.NotEqual(one, two);
    }
}

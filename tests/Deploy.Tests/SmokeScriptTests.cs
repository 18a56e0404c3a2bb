namespace Deploy.Tests;

/// <summary>
/// <c>./smoke.sh</c>, the post-deployment check, against stand-ins for <c>aws</c> (the stack's outputs) and
/// <c>curl</c> (answers shaped like the deployed shop's): it passes a healthy shop and names what is wrong otherwise.
/// </summary>
public sealed class SmokeScriptTests : IDisposable
{
    private readonly ScriptSandbox _sandbox = new("smoke.sh");

    public SmokeScriptTests()
    {
        _sandbox.Stub("aws", """
            #!/usr/bin/env bash
            case "$*" in
              *"OutputKey=='ShopUrl'"*) echo https://shop.example/ ;;
              *"OutputKey=='ApiEndpoint'"*) echo https://api.example ;;
              *"OutputKey=='HostedUiDomain'"*) echo my-shop.auth.eu-west-1.amazoncognito.com ;;
              *OutputKey*) echo stub-output ;;
              *describe-stack-resource*) echo northwind-PendingOrderSweepSchedule-1A2B ;;
            esac
            """);
        // Answers as the deployed shop would; $DIRECT_STATUS is what the API's own URL answers.
        _sandbox.Stub("curl", """
            #!/usr/bin/env bash
            url="${@: -1}"
            case "$url" in
              https://shop.example/healthz) printf 'HTTP/2 200\r\n\r\n' ;;
              https://shop.example/) printf 'HTTP/2 200\r\ncontent-type: text/html\r\ncontent-encoding: br\r\n\r\n' ;;
              https://api.example/) printf 'HTTP/2 %s\r\n\r\n' "$DIRECT_STATUS" ;;
              https://shop.example/api/orders/none) printf 'HTTP/2 401\r\nwww-authenticate: Bearer error="invalid_token"\r\n\r\n' ;;
              https://shop.example/static/css/site.css) printf 'HTTP/2 200\r\nx-content-type-options: nosniff\r\n\r\n' ;;
              https://my-shop.auth.*/login*) printf 'HTTP/2 200\r\n\r\n' ;;
            esac
            """);
    }

    [Fact]
    public void A_healthy_shop_passes_every_check()
    {
        var (exitCode, output) = _sandbox.Run("smoke.sh", new Dictionary<string, string> { ["DIRECT_STATUS"] = "403" });

        Assert.True(exitCode == 0, output);
        Assert.Equal(6, output.Split('\n').Count(line => line.StartsWith("ok    ", StringComparison.Ordinal)));
        Assert.Contains("northwind-PendingOrderSweepSchedule-1A2B", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_API_that_answers_on_its_own_URL_fails_the_check_and_says_so()
    {
        var (exitCode, output) = _sandbox.Run("smoke.sh", new Dictionary<string, string> { ["DIRECT_STATUS"] = "200" });

        Assert.Equal(1, exitCode);
        Assert.Contains("FAIL  the API's own URL is refused (only CloudFront may call it): expected 403, got 200", output, StringComparison.Ordinal);
        Assert.Contains("1 check(s) failed", output, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}

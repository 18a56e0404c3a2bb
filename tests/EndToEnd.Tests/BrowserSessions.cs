using System.Runtime.CompilerServices;
using LocalDev.LocalAws;
using Microsoft.Playwright;

namespace EndToEnd.Tests;

/// <summary>
/// Runs a test in a fresh browser context (its own cookies), traced while it runs. When the test fails, a
/// screenshot of the page and the Playwright trace are kept under <c>test-results/end-to-end/</c> at the repository
/// root (git-ignored), named after the test: open the trace with <c>pwsh bin/Debug/net10.0/playwright.ps1
/// show-trace &lt;file&gt;</c> or at trace.playwright.dev.
/// </summary>
public static class BrowserSessions
{
    public static string ResultsFolder { get; } = Path.Combine(RepoPaths.Root, "test-results", "end-to-end");

    public static async Task InBrowserAsync(
        this ShopFixture shop, Func<IPage, Task> test, bool javaScript = true, [CallerMemberName] string testName = "")
    {
        await using var context = await shop.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Title = testName, Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch (Exception e)
        {
            var evidence = await KeepEvidenceAsync(context, page, testName);
            throw new BrowserTestFailedException($"{e.Message}\n{evidence}", e);
        }
        await context.Tracing.StopAsync();
    }

    private static async Task<string> KeepEvidenceAsync(IBrowserContext context, IPage page, string testName)
    {
        Directory.CreateDirectory(ResultsFolder);
        var screenshot = Path.Combine(ResultsFolder, $"{testName}.png");
        var trace = Path.Combine(ResultsFolder, $"{testName}.trace.zip");
        var evidence = $"Page at failure: {page.Url}; trace: {trace}";
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 10_000 });
            evidence += $"; screenshot: {screenshot}";
        }
        catch (PlaywrightException e)
        {
            evidence += $"; no screenshot ({e.Message})";
        }
        await context.Tracing.StopAsync(new TracingStopOptions { Path = trace });
        return evidence;
    }
}

/// <summary>A browser test's failure, with where its screenshot and trace are.</summary>
public sealed class BrowserTestFailedException(string message, Exception inner) : Exception(message, inner);

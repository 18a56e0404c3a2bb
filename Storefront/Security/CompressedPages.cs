using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace Storefront.Security;

/// <summary>
/// Text answers are compressed (Brotli, else gzip, at their optimal levels: pages are tens of KB), because in AWS
/// nothing else does it: CloudFront compresses only what it may cache, and the pages are never cached. Over HTTPS
/// compression can leak a secret that sits beside text an attacker makes the page reflect (BREACH). A visitor's page
/// holds no such secret: its antiforgery token is encrypted anew for every response. A signed-in shopper's pages hold
/// their email and orders beside the reflected search, so they are sent uncompressed.
/// </summary>
public sealed class CompressedPages(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true && base.ShouldCompressResponse(context);

    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<IResponseCompressionProvider, CompressedPages>(); // first: AddResponseCompression only tries to add its own
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true; // signed-in shoppers' pages are left out instead (above)
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        services.AddTransient<IStartupFilter, CompressedPagesStartupFilter>();
    }
}

/// <summary>Compresses what the whole pipeline writes, the kept catalog page and error pages included.</summary>
internal sealed class CompressedPagesStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseResponseCompression();
        next(app);
    };
}

using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Storefront.Shared;

public static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages laid out by feature folder (<c>Catalog/</c>, …) rather than under <c>Pages/</c>.</summary>
    public static IHostApplicationBuilder AddShopPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShopOptions>().BindConfiguration(ShopOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => IsKnownCulture(o.Culture), "Shop:Culture must name a culture, e.g. en-US")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ShopOptions>>().Value);
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");
        return builder;
    }

    public static WebApplication UseShopPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");

        // Locally the app serves static/ itself; in AWS CloudFront serves it from S3 and this path is never set.
        var shop = app.Services.GetRequiredService<IOptions<ShopOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(shop.StaticFilesPath))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(shop.StaticFilesPath, app.Environment.ContentRootPath)),
                RequestPath = shop.StaticBaseUrl,
            });
        }
        app.UseRouting();
        return app;
    }

    private static bool IsKnownCulture(string name)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(name) && System.Globalization.CultureInfo.GetCultureInfo(name) is { };
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}

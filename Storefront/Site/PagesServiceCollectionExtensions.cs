using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Storefront.Site;

public static class PagesServiceCollectionExtensions
{
    /// <summary>Razor Pages laid out by feature folder (<c>Catalog/</c>, …) rather than under <c>Pages/</c>.</summary>
    public static IHostApplicationBuilder AddShopPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShopOptions>().BindConfiguration(ShopOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => IsSpecificCulture(o.Culture), "Shop:Culture must name a culture with a country, e.g. en-US")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<ShopOptions>>().Value);
        builder.Services.AddSingleton(sp => CreateStaticAssets(sp.GetRequiredService<ShopOptions>(), builder.Environment));
        builder.Services.AddProblemDetails();
        builder.Services.AddRazorPages(options => options.RootDirectory = "/");
        builder.Services.Configure<CookieTempDataProviderOptions>(tempData =>
        {
            tempData.Cookie.Name = TempDataCookie.Name;
            tempData.Cookie.IsEssential = true;
        });
        return builder;
    }

    public static WebApplication UseShopPages(this WebApplication app)
    {
        // The JSON API answers errors with problem details; pages with the shop's own error page.
        app.UseWhen(IsApi, api =>
        {
            if (!app.Environment.IsDevelopment())
            {
                api.UseExceptionHandler();
            }
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error");
            }
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });

        // Locally the app serves static/ itself; in AWS CloudFront serves it from S3 and this path is never set.
        var shop = app.Services.GetRequiredService<ShopOptions>();
        if (!string.IsNullOrWhiteSpace(shop.StaticFilesPath))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = app.Services.GetRequiredService<StaticAssets>().Files,
                RequestPath = shop.StaticBaseUrl,
                OnPrepareResponse = context =>
                {
                    // A versioned URL names one content for ever, as CloudFront treats it in AWS.
                    if (context.Context.Request.Query.ContainsKey(StaticAssets.VersionParameter))
                    {
                        context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
                    }
                },
            });
        }
        app.UseRouting();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>
    /// Locally the files under <see cref="ShopOptions.StaticFilesPath"/>; in AWS the <c>static/</c> copy that
    /// publishing puts in the Lambda package, so the app can version the very files the deployment syncs to S3.
    /// </summary>
    private static StaticAssets CreateStaticAssets(ShopOptions shop, IHostEnvironment environment)
    {
        var root = Path.GetFullPath(shop.StaticFilesPath ?? "static", environment.ContentRootPath);
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : new NullFileProvider();
        return new StaticAssets(files, shop.StaticBaseUrl, watch: environment.IsDevelopment());
    }

    private static bool IsSpecificCulture(string name)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(name) && !CultureInfo.GetCultureInfo(name).IsNeutralCulture;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}

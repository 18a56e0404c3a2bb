using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Storefront.Tests;

/// <summary>Each part of the Storefront registers its own services once (<see cref="Program.Services"/>), and the
/// order they come in changes nothing.</summary>
[Collection(StorefrontCollection.Name)]
public sealed class StorefrontServicesTests(StorefrontFixture shop)
{
    [Fact]
    public void Registered_in_reverse_order_every_service_resolves_and_every_option_validates()
    {
        var builder = Builder(Program.Services.Reverse());
        using var configuration = builder.Configuration;

        using var services = builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Registered_in_reverse_order_the_shop_gets_the_same_services()
    {
        var (forwardBuilder, reverseBuilder) = (Builder(Program.Services), Builder(Program.Services.Reverse()));
        using var forwardConfiguration = forwardBuilder.Configuration;
        using var reverseConfiguration = reverseBuilder.Configuration;
        var (forward, reverse) = (Chosen(forwardBuilder.Services), Chosen(reverseBuilder.Services));

        Assert.Empty(forward.Except(reverse));
    }

    [Fact]
    public void Each_of_the_shops_own_services_is_registered_once()
    {
        var builder = Builder(Program.Services);
        using var configuration = builder.Configuration;
        var services = builder.Services;

        var twice = services.Where(s => IsTheShops(s.ServiceType)).GroupBy(s => s.ServiceType).Where(g => g.Count() > 1).Select(g => g.Key.Name);

        Assert.Empty(twice);
    }

    /// <summary>A builder with the Storefront's settings; its configuration watches files, so callers dispose it.</summary>
    private WebApplicationBuilder Builder(IEnumerable<Action<IHostApplicationBuilder>> parts)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(shop.StorefrontSettings()
            .Where(s => s.Key.Contains("__", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), s.Value)));
        foreach (var addServices in parts)
        {
            addServices(builder);
        }
        return builder;
    }

    /// <summary>What resolving each of the shop's service types gives: the last registration, or all of them for a
    /// type that is resolved as many.</summary>
    private static HashSet<string> Chosen(IServiceCollection services) =>
        services.GroupBy(s => s.ServiceType)
            .Where(g => g.Any(s => IsTheShops(s.ServiceType) || IsTheShops(s.ImplementationType ?? typeof(object))))
            .SelectMany(g => ResolvedAsMany.Contains(g.Key) ? g.ToArray() : [g.Last()])
            .Select(s => $"{s.ServiceType.FullName} → {s.ImplementationType?.FullName ?? s.ImplementationInstance?.GetType().FullName ?? s.ImplementationFactory?.Method.DeclaringType?.FullName}")
            .ToHashSet();

    private static readonly Type[] ResolvedAsMany = [typeof(IStartupFilter), typeof(IHostedService)];

    private static bool IsTheShops(Type type) =>
        type.Assembly == typeof(Program).Assembly || type.Assembly == typeof(Shop.Shared.Orders.OrderStore).Assembly || type == typeof(TimeProvider);
}

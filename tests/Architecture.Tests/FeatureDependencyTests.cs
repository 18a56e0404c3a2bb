using Codebase = ArchUnitNET.Domain.Architecture;
using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Architecture.Tests;

/// <summary>
/// The Storefront's folders depend one way (docs/architecture.md, "Layout"): the features in the order a shopper
/// meets them, each on those before it, and all of them on the platform beneath, which knows no feature.
/// </summary>
public sealed class FeatureDependencyTests
{
    /// <summary>Each may use those before it, never one after it.</summary>
    private static readonly string[] Features = ["Catalog", "Cart", "Checkout", "Orders", "Operations"];

    /// <summary>Shop vocabulary and plumbing every feature may use; none of them uses a feature.</summary>
    private static readonly string[] Platform = ["Shopping", "Site", "Account", "Security", "KeyRing", "Errors"];

    private static readonly Codebase Storefront =
        new ArchLoader().LoadAssemblies(typeof(Storefront.Shopping.Shopper).Assembly).Build();

    [Fact]
    public void The_storefronts_folders_have_no_cycle_between_them() =>
        SliceRuleDefinition.Slices().Matching("Storefront.(*)").Should().BeFreeOfCycles().Check(Storefront);

    [Fact]
    public void No_feature_depends_on_a_feature_after_it()
    {
        for (var i = 0; i < Features.Length - 1; i++)
        {
            Types().That().ResideInNamespaceMatching(Namespaces([Features[i]]))
                .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Later(i)))
                .Check(Storefront);
        }
    }

    [Fact]
    public void The_platform_depends_on_no_feature() =>
        Types().That().ResideInNamespaceMatching(Namespaces(Platform))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Namespaces(Features)))
            .Check(Storefront);

    [Fact]
    public void Every_folder_is_a_feature_or_part_of_the_platform()
    {
        var folders = Storefront.Namespaces.Select(n => n.FullName).Where(n => n.StartsWith("Storefront.", StringComparison.Ordinal))
            .Select(n => n.Split('.')[1]).Distinct();

        Assert.Empty(folders.Except(Features).Except(Platform));
    }

    private static string Later(int feature) => Namespaces(Features[(feature + 1)..]);

    /// <summary>A pattern for the namespaces of <paramref name="folders"/> (a regular expression).</summary>
    private static string Namespaces(IEnumerable<string> folders) => $"^Storefront\\.({string.Join('|', folders)})(\\..*)?$";
}

using Storefront.Catalog;

namespace Storefront.Tests;

public sealed class CatalogQueryTests
{
    private static readonly string[] CategoryIds = ["kitchen", "coffee-tea"];

    private static (CatalogQuery Query, IReadOnlyDictionary<string, string[]> Problems) Parse(
        string? q = null, string? category = null, string? sort = null, string? page = null) =>
        CatalogQuery.Parse(q, category, sort, page, CategoryIds);

    [Fact]
    public void Missing_values_mean_everything_in_featured_order_from_page_one()
    {
        var (query, problems) = Parse();

        Assert.Equal(CatalogQuery.Everything, query);
        Assert.Empty(problems);
    }

    [Fact]
    public void Well_formed_values_are_taken_as_they_are()
    {
        var (query, problems) = Parse(" mug ", "Kitchen", "PRICE-DESC", "2");

        Assert.Equal(new CatalogQuery("mug", "kitchen", CatalogSort.PriceHighToLow, 2), query);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("٣")] // an Arabic-Indic digit three
    public void A_malformed_page_falls_back_to_page_one_and_says_so(string page)
    {
        var (query, problems) = Parse(page: page);

        Assert.Equal(1, query.Page);
        Assert.Contains("page", problems.Keys);
    }

    [Fact]
    public void An_unknown_sort_falls_back_to_featured_and_names_the_known_ones()
    {
        var (query, problems) = Parse(sort: "xyz");

        Assert.Equal(CatalogSort.Featured, query.Sort);
        Assert.Contains("price-asc", problems["sort"].Single());
    }

    [Fact]
    public void An_unknown_category_shows_every_category_and_says_so()
    {
        var (query, problems) = Parse(category: "spaceships");

        Assert.Null(query.Category);
        Assert.Contains("category", problems.Keys);
    }

    [Fact]
    public void A_ten_thousand_character_search_is_cut_to_the_limit_and_says_so()
    {
        var (query, problems) = Parse(q: new string('a', 10_000));

        Assert.Equal(CatalogQuery.MaxSearchLength, query.Search.Length);
        Assert.Contains("q", problems.Keys);
    }

    [Fact]
    public void Cutting_a_long_search_never_splits_an_emoji()
    {
        var (query, _) = Parse(q: "a" + string.Concat(Enumerable.Repeat("🛶", 100)));

        Assert.False(char.IsHighSurrogate(query.Search[^1]));
        Assert.True(query.Search.Length <= CatalogQuery.MaxSearchLength);
    }

    [Theory]
    [InlineData("mu\u0000g\u001B", "mu g")] // control characters
    [InlineData("  camp \t\n mug  ", "camp mug")]
    [InlineData("cafe\u0301", "café")] // decomposed é is composed
    [InlineData("mug\uFFFE\uFFFF\U0010FFFF\uFDD0", "mug")] // noncharacters; U+FFFE made normalizing throw
    [InlineData("مرحبا 你好", "مرحبا 你好")]
    public void Odd_unicode_in_a_search_becomes_plain_text(string raw, string expected) =>
        Assert.Equal(expected, Parse(q: raw).Query.Search);

    [Fact]
    public void Lone_surrogates_in_a_search_are_dropped()
    {
        // Built here rather than in InlineData: the test runner cannot pass a lone surrogate through its serializer.
        var raw = new string(['\uD800', 'm', 'u', 'g', '\uDC00', ' ', '\uDC00', '\uD83D']);

        Assert.Equal("mug", Parse(q: raw).Query.Search);
    }

    [Fact]
    public void The_url_leaves_out_defaults_so_equal_views_share_one_address()
    {
        Assert.Equal("/", CatalogQuery.Everything.ToUrl());
        Assert.Equal("/?q=camp%20mug&category=kitchen&sort=name&page=2",
            new CatalogQuery("camp mug", "kitchen", CatalogSort.Name, 2).ToUrl());
    }
}

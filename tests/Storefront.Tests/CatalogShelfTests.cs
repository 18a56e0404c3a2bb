using Storefront.Catalog;

namespace Storefront.Tests;

/// <summary>Filtering, search, sorting and paging as pure functions over a small, made-up catalog.</summary>
public sealed class CatalogShelfTests
{
    private static readonly Product[] Products =
    [
        Product("mug", "Enamel Camp Mug", "Holds coffee by the fire.", "outdoors", 14.50m, rank: 3),
        Product("beans", "Café de Huila Beans", "Whole coffee beans from Colombia.", "coffee", 17.50m, rank: 2),
        Product("kettle", "Gooseneck Kettle", "Pours water slowly for tea and coffee.", "coffee", 64.00m, rank: 5),
        Product("lantern", "Camp Lantern", "Rechargeable light.", "outdoors", 39.50m, rank: 1),
        Product("skillet", "Cast Iron Skillet", "Works over a campfire.", "kitchen", 49.00m, rank: 4),
    ];

    private static Product Product(string id, string name, string description, string category, decimal price, int rank) =>
        new(id, name, description, category, category.ToUpperInvariant(), price, Stock: 5, $"images/{id}.svg", rank);

    private static IEnumerable<string> Ids(CatalogPage page) => page.Products.Select(p => p.Id);

    private static CatalogPage Browse(string? search = null, string? category = null, string? sort = null, string? page = null, int pageSize = 10) =>
        CatalogShelf.Browse(Products, CatalogQuery.Parse(search, category, sort, page, ["outdoors", "coffee", "kitchen"]).Query, pageSize);

    [Fact]
    public void Everything_is_listed_in_featured_order_by_default() =>
        Assert.Equal(["lantern", "beans", "mug", "skillet", "kettle"], Ids(Browse()));

    [Fact]
    public void A_category_keeps_only_its_products() =>
        Assert.Equal(["beans", "kettle"], Ids(Browse(category: "coffee")));

    [Fact]
    public void Search_matches_the_description_as_well_as_the_name() =>
        Assert.Equal(["lantern", "mug", "skillet"], Ids(Browse(search: "camp")));

    [Fact]
    public void Search_ignores_case_and_accents() =>
        Assert.Equal(["beans"], Ids(Browse(search: "CAFE")));

    [Fact]
    public void Every_word_of_a_search_must_match() =>
        Assert.Equal(["kettle"], Ids(Browse(search: "coffee   tea")));

    [Fact]
    public void Search_and_category_combine() =>
        Assert.Equal(["mug"], Ids(Browse(search: "coffee", category: "outdoors")));

    [Fact]
    public void Search_that_matches_nothing_gives_an_empty_first_page()
    {
        var page = Browse(search: "submarine");

        Assert.Empty(page.Products);
        Assert.Equal((0, 1, 1), (page.TotalCount, page.Page, page.PageCount));
    }

    [Theory]
    [InlineData("price-asc", new[] { "mug", "beans", "lantern", "skillet", "kettle" })]
    [InlineData("price-desc", new[] { "kettle", "skillet", "lantern", "beans", "mug" })]
    [InlineData("name", new[] { "beans", "lantern", "skillet", "mug", "kettle" })]
    [InlineData("featured", new[] { "lantern", "beans", "mug", "skillet", "kettle" })]
    public void Products_sort_by_the_order_the_shopper_picked(string sort, string[] expected) =>
        Assert.Equal(expected, Ids(Browse(sort: sort)));

    [Fact]
    public void Products_of_equal_price_keep_featured_order()
    {
        var twins = new[] { Product("b", "B", "", "x", 10m, rank: 2), Product("a", "A", "", "x", 10m, rank: 1) };

        Assert.Equal(["a", "b"], CatalogShelf.Sort(twins, CatalogSort.PriceHighToLow).Select(p => p.Id));
    }

    [Fact]
    public void Paging_splits_the_sorted_list_without_gaps_or_repeats()
    {
        var pages = Enumerable.Range(1, 3).Select(n => Browse(page: n.ToString(), pageSize: 2)).ToList();

        Assert.Equal([["lantern", "beans"], ["mug", "skillet"], ["kettle"]], pages.Select(p => Ids(p).ToArray()));
        Assert.All(pages, p => Assert.Equal((5, 3), (p.TotalCount, p.PageCount)));
    }

    [Fact]
    public void A_page_past_the_end_shows_the_last_page()
    {
        var page = Browse(page: "99", pageSize: 2);

        Assert.Equal(3, page.Page);
        Assert.Equal(["kettle"], Ids(page));
    }

    [Fact]
    public void Categories_are_those_with_products_in_name_order() =>
        Assert.Equal(["coffee", "kitchen", "outdoors"], CatalogShelf.Categories(Products).Select(c => c.Id));
}

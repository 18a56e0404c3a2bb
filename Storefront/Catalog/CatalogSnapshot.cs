namespace Storefront.Catalog;

/// <summary>
/// Every product on sale, with the categories they fall in, as of one content <paramref name="Version"/>: a refresh
/// that finds nothing new keeps the same snapshot, so what was kept for it (<see cref="CatalogPageCache"/>) stays.
/// </summary>
public sealed record CatalogSnapshot(IReadOnlyList<Product> Products, IReadOnlyList<Category> Categories, long Version)
{
    private static long _versions;

    public IReadOnlyList<string> CategoryIds { get; } = Categories.Select(c => c.Id).ToList();

    /// <summary>Products operators retired: in no listing, but a cart that holds one can say it is no longer available.</summary>
    public IReadOnlyList<Product> Retired { get; init; } = [];

    private Dictionary<string, Product>? _byId;
    private IReadOnlyList<Category>? _everyCategory;

    /// <summary>A snapshot of <paramref name="all"/> (on sale and retired), with a version no other snapshot of this instance has.</summary>
    public static CatalogSnapshot Of(IEnumerable<Product> all)
    {
        var (onSale, retired) = (new List<Product>(), new List<Product>());
        foreach (var product in all)
        {
            (product.OnSale ? onSale : retired).Add(product);
        }
        return new CatalogSnapshot(onSale, CatalogShelf.Categories(onSale), Interlocked.Increment(ref _versions)) { Retired = retired };
    }

    /// <summary>A product on sale or retired, by id; null when it was not in the table when the snapshot was taken.</summary>
    public Product? Find(string productId) => ById.GetValueOrDefault(productId);

    /// <summary>Every product on sale or retired, by id.</summary>
    public IReadOnlyDictionary<string, Product> ById =>
        _byId ??= Products.Concat(Retired).ToDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>The categories of every product, retired ones' too: what an operator picks from in the editor.</summary>
    public IReadOnlyList<Category> EveryCategory => _everyCategory ??= CatalogShelf.Categories(Products.Concat(Retired));
}

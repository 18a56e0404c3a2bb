using Microsoft.Extensions.Options;

namespace Storefront.Catalog;

/// <summary>Every product on sale as of <paramref name="TakenAt"/>, with the categories they fall in.</summary>
public sealed record CatalogSnapshot(IReadOnlyList<Product> Products, IReadOnlyList<Category> Categories, DateTimeOffset TakenAt)
{
    public IReadOnlyList<string> CategoryIds { get; } = Categories.Select(c => c.Id).ToList();

    /// <summary>Products operators retired: in no listing, but a cart that holds one can say it is no longer available.</summary>
    public IReadOnlyList<Product> Retired { get; init; } = [];

    private Dictionary<string, Product>? _byId;

    /// <summary>A product on sale or retired, by id; null when it was not in the table when the snapshot was taken.</summary>
    public Product? Find(string productId) =>
        (_byId ??= Products.Concat(Retired).ToDictionary(p => p.Id, StringComparer.Ordinal)).GetValueOrDefault(productId);
}

/// <summary>
/// This instance's copy of the products table, scanned again once it is older than
/// <see cref="CatalogOptions.SnapshotLifetime"/>. Listing, filtering and search are served from it, so a busy
/// catalog costs one scan per instance per lifetime rather than one per request.
/// </summary>
public sealed class CatalogSnapshots(
    ProductCatalog catalog, IOptions<CatalogOptions> options, TimeProvider clock, ILogger<CatalogSnapshots> logger)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile CatalogSnapshot? _current;

    public async Task<CatalogSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && IsFresh(current))
        {
            return current;
        }
        // One scan at a time: requests arriving meanwhile wait for it instead of scanning too.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && IsFresh(current))
            {
                return current;
            }
            var all = await catalog.ListAsync(cancellationToken);
            var onSale = all.Where(p => p.OnSale).ToList();
            _current = new CatalogSnapshot(onSale, CatalogShelf.Categories(onSale), clock.GetUtcNow())
            {
                Retired = all.Where(p => !p.OnSale).ToList(),
            };
            logger.LogDebug("Catalog snapshot of {ProductCount} products taken", all.Count);
            return _current;
        }
        catch (Exception e) when (current is not null && e is not OperationCanceledException)
        {
            // A slightly old catalog beats an error page; the next request tries the table again.
            logger.LogWarning(e, "Could not refresh the catalog snapshot; serving the one from {TakenAt}", current.TakenAt);
            return current;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>Makes this instance's snapshot stale after an operator's change, so their own next page scans again
    /// (keeping it to serve should that scan fail).</summary>
    public void Forget() => _current = _current is { } current ? current with { TakenAt = DateTimeOffset.MinValue } : null;

    private bool IsFresh(CatalogSnapshot snapshot) => clock.GetUtcNow() - snapshot.TakenAt < options.Value.SnapshotLifetime;
}

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Shop.Shared.Observability;

namespace Storefront.Catalog;

/// <summary>
/// This instance's copy of the products table. Listing, filtering, search and the product page are served from it,
/// so a busy catalog costs the table nothing per request. The copy is refreshed by change, not by scan: once older
/// than <see cref="CatalogOptions.SnapshotLifetime"/> it asks the change index for the products stamped since its
/// last look (less <see cref="ChangeOverlap"/>), and it scans the whole table only when it has no copy
/// or its last scan is older than <see cref="CatalogOptions.FullScanInterval"/>. A refresh that finds nothing new keeps
/// the same <see cref="CatalogSnapshot"/>, so the pages kept for it stay.
/// </summary>
public sealed class CatalogSnapshots(
    ProductCatalog catalog, IOptions<CatalogOptions> options, TimeProvider clock, ShopMetrics metrics, ILogger<CatalogSnapshots> logger)
{
    /// <summary>
    /// How far before the last look each look at the change index starts: a write that reached the index after that
    /// look (the index's propagation lag), or was stamped by a writer whose clock runs behind this instance's, is
    /// still read. Reading a product twice is harmless: it replaces the copy by id.
    /// </summary>
    public static readonly TimeSpan ChangeOverlap = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Copy? _copy;

    /// <summary>Products this instance wrote: read back (strongly consistent) on the next request, before the index
    /// has them. A queue, because every request asks whether it is empty and a queue answers that without a lock.</summary>
    private readonly ConcurrentQueue<string> _written = new();

    /// <param name="CheckedAt">When the last look at the table, by scan or change index, started (this instance's clock).</param>
    /// <param name="ScannedAt">When the table was last scanned whole.</param>
    private sealed record Copy(CatalogSnapshot Snapshot, DateTimeOffset CheckedAt, DateTimeOffset ScannedAt);

    public async Task<CatalogSnapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var copy = _copy;
        if (copy is not null && IsCurrent(copy))
        {
            return copy.Snapshot;
        }
        // One refresh at a time: requests arriving meanwhile wait for it instead of reading the table too.
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            copy = _copy;
            if (copy is not null && IsCurrent(copy))
            {
                return copy.Snapshot;
            }
            _copy = await RefreshAsync(copy, cancellationToken);
            return _copy.Snapshot;
        }
        catch (Exception e) when (copy is not null && e is not OperationCanceledException)
        {
            // A slightly old catalog beats an error page; the next request tries the table again.
            logger.LogWarning(e, "Could not refresh the catalog snapshot; serving the one checked at {CheckedAt}", copy.CheckedAt);
            return copy.Snapshot;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>After this instance wrote <paramref name="productId"/> (an operator's change): the next request reads
    /// it back, so the operator's own next page shows it without waiting for the index.</summary>
    public void Written(string productId) => _written.Enqueue(productId);

    private bool IsCurrent(Copy copy) => _written.IsEmpty && clock.GetUtcNow() - copy.CheckedAt < options.Value.SnapshotLifetime;

    private async Task<Copy> RefreshAsync(Copy? copy, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (copy is null || now - copy.ScannedAt >= options.Value.FullScanInterval)
        {
            // The scan reads what was written before it started, so those need no read of their own.
            _written.Clear();
            var all = await catalog.ReadAllAsync(cancellationToken);
            Report("scan", all);
            logger.LogDebug("Catalog snapshot of {ProductCount} products taken", all.Products.Count);
            return new Copy(CatalogSnapshot.Of(all.Products), now, now);
        }

        var changed = new List<Product>();
        var checkedAt = copy.CheckedAt;
        if (now - copy.CheckedAt >= options.Value.SnapshotLifetime)
        {
            var since = (copy.CheckedAt - ChangeOverlap).ToUnixTimeMilliseconds();
            var read = await catalog.ChangedSinceAsync(since, cancellationToken);
            Report("changes", read);
            changed.AddRange(read.Products);
            checkedAt = now;
        }
        if (!_written.IsEmpty)
        {
            var ids = new List<string>();
            while (_written.TryDequeue(out var id))
            {
                ids.Add(id);
            }
            try
            {
                // Strongly consistent and read after the index: the newest of all, so applied last.
                changed.AddRange((await catalog.FindManyAsync(ids, cancellationToken)).Values);
            }
            catch
            {
                ids.ForEach(_written.Enqueue); // Read on the next try, with the index's answer.
                throw;
            }
        }

        var byId = copy.Snapshot.ById;
        if (changed.All(p => byId.TryGetValue(p.Id, out var kept) && kept == p))
        {
            return copy with { CheckedAt = checkedAt };
        }
        var updated = new Dictionary<string, Product>(byId, StringComparer.Ordinal);
        changed.ForEach(p => updated[p.Id] = p);
        logger.LogDebug("Catalog snapshot updated with {ChangedCount} changed products", changed.Count);
        return new Copy(CatalogSnapshot.Of(updated.Values), checkedAt, copy.ScannedAt);
    }

    private void Report(string how, ProductsRead read)
    {
        logger.LogInformation("Catalog {Read} read {ProductCount} products for {ReadUnits} read units", how, read.Products.Count, read.ReadUnits);
        metrics.CatalogRead(how, read.ReadUnits, read.Products.Count);
    }
}

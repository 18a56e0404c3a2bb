using Storefront.Catalog;

namespace Storefront.Operations.Products;

/// <summary>What applying an import came to.</summary>
public abstract record ImportResult
{
    public sealed record Applied(int Created, int Changed) : ImportResult;

    /// <summary>The product on <paramref name="Line"/> changed since the preview (or its id was taken): it and the rows
    /// after it were not written; <paramref name="AppliedBefore"/> rows before it were.</summary>
    public sealed record Conflict(int Line, string Id, int AppliedBefore) : ImportResult;
}

public static partial class CatalogImport
{
    /// <summary>
    /// Writes a plan, row by row, each through the editor (the product and its history in one transaction), every change
    /// with the reason <see cref="Reason"/>. Fields are saved over the version the preview saw; the stock is set to the
    /// file's count like an operator's "set to exactly" (never losing a checkout's decrement made meanwhile).
    /// </summary>
    public static async Task<ImportResult> ApplyAsync(ImportPlan plan, ProductEditor editor, string by, CancellationToken cancellationToken)
    {
        var (created, changed) = (0, 0);
        foreach (var row in plan.Rows.Where(r => r.Changes.Count > 0))
        {
            if (row.Current is null)
            {
                if (await editor.CreateAsync(row.Id, row.Fields, row.Stock, by, cancellationToken, Reason) is not ProductEditResult.Saved)
                {
                    return new ImportResult.Conflict(row.Line, row.Id, created + changed);
                }
                created++;
                continue;
            }
            if (await editor.SaveAsync(row.Id, row.Current.Version, row.Fields, by, cancellationToken, Reason) is not ProductEditResult.Saved)
            {
                return new ImportResult.Conflict(row.Line, row.Id, created + changed);
            }
            if (row.Current.Stock != row.Stock
                && await editor.ChangeStockAsync(row.Id, new StockChange(row.Stock, IsExactCount: true), Reason, by, cancellationToken) is not StockChangeResult.Changed)
            {
                return new ImportResult.Conflict(row.Line, row.Id, created + changed);
            }
            changed++;
        }
        return new ImportResult.Applied(created, changed);
    }
}

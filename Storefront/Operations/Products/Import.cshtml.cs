using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Catalog;
using Storefront.Shopping;

namespace Storefront.Operations.Products;

/// <summary>
/// CSV import, in two plain posts: the file → a preview of what each row would change (or every invalid row, and then
/// nothing can be written); confirm → the same file, sealed in the preview (<see cref="ImportTicket"/>), checked again
/// against the catalog as it is now and written only if still valid and unchanged since the preview.
/// </summary>
[Authorize(Policy = AdminOnly.Policy)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
[RequestSizeLimit(CatalogImportFile.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CatalogImportFile.MaxRequestBytes, ValueLengthLimit = CatalogImportFile.MaxRequestBytes)]
public sealed class ImportModel(ProductCatalog catalog, ProductEditor editor, IDataProtectionProvider protection) : PageModel
{
    public const string Path = "/operations/products/import";

    public ImportPlan? Plan { get; private set; }

    /// <summary>The sealed file for the confirm form, once a preview can be applied.</summary>
    public string? Ticket { get; private set; }

    /// <summary>Why the file as a whole was refused, or what happened.</summary>
    public string? Error { get; private set; }

    public string? Status { get; private set; }

    public void OnGet(int? created, int? changed) =>
        Status = created is null ? null : $"Imported: {created} new, {changed ?? 0} changed. Each change is in its product's history with the reason \"{CatalogImport.Reason}\".";

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is not { Length: > 0 })
        {
            return Refuse("Choose a CSV file to import.");
        }
        if (file.Length > CatalogImportFile.MaxBytes)
        {
            return Refuse($"The file is larger than {CatalogImportFile.MaxBytes / (1024 * 1024)} MB. Import at most {CatalogImportFile.MaxRows:N0} products at a time.");
        }
        var content = new byte[file.Length];
        await using (var upload = file.OpenReadStream())
        {
            await upload.ReadExactlyAsync(content, cancellationToken);
        }
        switch (CatalogImportFile.Read(content))
        {
            case ImportFile.Read read:
                await PreviewAsync(read, System.Text.Encoding.UTF8.GetString(content).TrimStart('\uFEFF'), cancellationToken);
                return Page();
            case ImportFile.Refused refused:
                return Refuse(refused.Reason);
            default:
                throw new InvalidOperationException("An import file is read or refused.");
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? ticket, CancellationToken cancellationToken)
    {
        if (ImportTicket.Open(protection, ticket) is not { } opened || CatalogImportFile.Read(opened.Csv) is not ImportFile.Read read)
        {
            return Refuse($"This preview is too old (over {ImportTicket.Lifetime.TotalMinutes:0} minutes) or not one the shop made: nothing was written. Choose the file again.");
        }
        var plan = CatalogImport.Plan(read.Rows, await catalog.ListAsync(cancellationToken));
        if (!plan.CanApply || !plan.Versions.OrderBy(v => v.Key).SequenceEqual(opened.Versions.OrderBy(v => v.Key)))
        {
            await PreviewAsync(read, opened.Csv, cancellationToken);
            Error = "The catalog changed since your preview: nothing was written. Here is the preview as things are now; confirm again if it is still right.";
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        switch (await CatalogImport.ApplyAsync(plan, editor, Shopper.Of(User).Email, cancellationToken))
        {
            case ImportResult.Applied applied:
                return Redirect($"{Path}?created={applied.Created}&changed={applied.Changed}");
            case ImportResult.Conflict conflict:
                await PreviewAsync(read, opened.Csv, cancellationToken);
                Error = $"Line {conflict.Line} ({conflict.Id}) was changed by another operator during the import: it and the lines after it were not written " +
                    $"({conflict.AppliedBefore} before it were). Here is the preview as things are now; confirm to import the rest.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException("An import is applied or meets a conflict.");
        }
    }

    private async Task PreviewAsync(ImportFile.Read read, string csv, CancellationToken cancellationToken)
    {
        Plan = CatalogImport.Plan(read.Rows, await catalog.ListAsync(cancellationToken));
        Ticket = Plan.CanApply ? new ImportTicket(csv, Plan.Versions).Seal(protection) : null;
    }

    private PageResult Refuse(string reason)
    {
        Error = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}

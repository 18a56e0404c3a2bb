using System.Text;
using CsvHelper;

namespace Storefront.Operations.Products;

/// <summary>One record of an import file, its cells as typed, and the line it starts on.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<string> Cells);

/// <summary>What reading an import file came to: its records, or why the file as a whole cannot be read.</summary>
public abstract record ImportFile
{
    public sealed record Read(IReadOnlyList<ImportRow> Rows) : ImportFile;

    public sealed record Refused(string Reason) : ImportFile;
}

/// <summary>
/// Reads an import file with CsvHelper: RFC 4180, UTF-8 (strictly: other encodings are refused rather than guessed),
/// the export's header row, at most <see cref="MaxRows"/> records. Only the file's shape is checked here; each row's
/// values are <see cref="CatalogImport"/>'s.
/// </summary>
public static class CatalogImportFile
{
    public const int MaxRows = 1000;

    /// <summary>1,000 rows of long descriptions fit; the confirm step sends the file back sealed (about 4/3 of it).</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The import page's requests: the file, or its sealed copy, and the form around it.</summary>
    public const int MaxRequestBytes = 2 * MaxBytes;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly CsvReaderOptions Options = new()
    {
        HasHeader = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
    };

    public static ImportFile Read(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new ImportFile.Refused("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.");
        }
        return Read(text.TrimStart('\uFEFF'));
    }

    public static ImportFile Read(string text)
    {
        try
        {
            using var csv = CsvReader.Create(new StringReader(text), Options);
            var header = csv.Headers.Select(h => h.Trim()).ToList();
            if (!header.SequenceEqual(CatalogCsv.Header, StringComparer.OrdinalIgnoreCase))
            {
                return new ImportFile.Refused($"The first line must be the header {string.Join(",", CatalogCsv.Header)} (as the export writes it).");
            }
            var rows = new List<ImportRow>();
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return new ImportFile.Refused($"The file has more than {MaxRows:N0} rows. Import at most {MaxRows:N0} products at a time: split the file.");
                }
                rows.Add(new ImportRow((int)csv.LineNumber, Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToList()));
            }
            return rows.Count == 0 ? new ImportFile.Refused("The file has a header but no products.") : new ImportFile.Read(rows);
        }
        catch (CsvFormatException e)
        {
            return new ImportFile.Refused($"Line {e.LineNumber} is not valid CSV (a quote is not closed or is misplaced): nothing was read.");
        }
    }
}

using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Bench.Stack;
using LocalDev.LocalAws;

namespace Bench.Catalog;

/// <summary>
/// A scratch products table (the template's definition, under another name) holding a generated catalog of many
/// products shaped like the seed's (a name of ~20 characters, a description of ~140, 24 categories), stamped as
/// written long ago, as a catalog loaded once and since left alone would be. Deleted on dispose, which
/// <see cref="Cleanup"/> also does when the run fails or is interrupted.
/// </summary>
public sealed class LargeCatalog : IAsyncDisposable
{
    /// <summary>A word in about one product name in twelve: the search the bench measures.</summary>
    public const string SearchWord = "walnut";

    private static readonly string[] Adjectives = ["Sturdy", "Classic", "Compact", "Everyday", "Folding", "Hand-thrown", "Heavy", "Light", "Nested", "Rustic", "Slim", "Woven"];
    private static readonly string[] Materials = ["Walnut", "Oak", "Ash", "Enamel", "Linen", "Copper", "Brass", "Canvas", "Stoneware", "Cork", "Steel", "Felt"];
    private static readonly string[] Nouns = ["Bowl", "Tray", "Mug", "Lamp", "Stool", "Basket", "Journal", "Kettle", "Shelf", "Planter", "Tote", "Clock", "Ladle", "Vase"];
    private static readonly string[] Uses =
    [
        "Made in a small workshop and finished by hand.", "Wipes clean with a damp cloth and lasts for years.",
        "Sized for a kitchen counter or a narrow shelf.", "Packs flat and sets up in a minute without tools.",
        "A gift that gets used every day, not put away.", "Each one varies a little in grain and colour.",
    ];

    private readonly LocalStackNames _names;
    private int _deleted;

    private LargeCatalog(LocalStackNames names, string table, IReadOnlyList<string> ids)
    {
        _names = names;
        Table = table;
        ProductIds = ids;
    }

    public string Table { get; }

    public IReadOnlyList<string> ProductIds { get; }

    public static async Task<LargeCatalog> CreateAsync(LocalStackNames names, string table, int count)
    {
        await Scratch.CreateProductsTableAsync(names, table);
        var ids = Enumerable.Range(0, count).Select(i => $"large-{i.ToString("00000", CultureInfo.InvariantCulture)}").ToList();
        var catalog = Cleanup.Own(new LargeCatalog(names, table, ids));
        using var dynamo = names.DynamoDb();
        var random = new Random(18);
        var loadedAt = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        foreach (var batch in ids.Chunk(25))
        {
            var request = new Dictionary<string, List<WriteRequest>>
            {
                [table] = batch.Select(id => new WriteRequest(new PutRequest(Item(id, random, loadedAt)))).ToList(),
            };
            while (request.Count > 0 && request.Values.Sum(r => r.Count) > 0)
            {
                request = (await dynamo.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = request })).UnprocessedItems ?? [];
            }
        }
        return catalog;
    }

    private static Dictionary<string, AttributeValue> Item(string id, Random random, string changedAt)
    {
        string Pick(string[] words) => words[random.Next(words.Length)];
        var category = random.Next(24);
        var name = $"{Pick(Adjectives)} {Pick(Materials)} {Pick(Nouns)}";
        var description = new StringBuilder($"A {name.ToLowerInvariant()} for home and table. ")
            .Append(Pick(Uses)).Append(' ').Append(Pick(Uses)).ToString();
        return new()
        {
            ["ProductId"] = new() { S = id },
            ["Name"] = new() { S = name },
            ["Description"] = new() { S = description },
            ["Category"] = new() { S = $"category-{category}" },
            ["CategoryName"] = new() { S = $"Category {category}" },
            ["Price"] = new() { N = (random.Next(300, 20000) / 100m).ToString(CultureInfo.InvariantCulture) },
            ["Stock"] = new() { N = random.Next(0, 200).ToString(CultureInfo.InvariantCulture) },
            ["Image"] = new() { S = "images/placeholder.svg" },
            ["FeaturedRank"] = new() { N = random.Next(1, 1000).ToString(CultureInfo.InvariantCulture) },
            ["ChangedAt"] = new() { N = changedAt },
            ["ChangeFeed"] = new() { S = "products" },
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _deleted, 1) == 1)
        {
            return;
        }
        using var dynamo = _names.DynamoDb();
        await dynamo.DeleteTableAsync(Table);
    }
}

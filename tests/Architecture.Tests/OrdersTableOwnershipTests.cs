using System.Text.RegularExpressions;
using LocalDev.LocalAws;

namespace Architecture.Tests;

/// <summary>
/// The orders table has one owner: the orders module in <c>Shop.Shared/Orders</c> (<c>OrderStore</c> and the item
/// layouts it uses). No other code of either function names the table's attributes, index or key prefixes, so a
/// change to how orders are stored is made in one place.
/// </summary>
public sealed partial class OrdersTableOwnershipTests
{
    private static readonly string[] ModuleFiles =
        ["OrderStore.cs", "OrderStore.Placing.cs", "OrderStore.Confirming.cs", "OrderStore.Counting.cs", "OrderItem.cs", "CheckoutRecord.cs", "OrderCounters.cs", "ShippingAddressMap.cs",
         "OrderStore.Cancelling.cs", "OrderHistoryList.cs", "OrderStore.Fulfilling.cs", "OrderStore.Emailing.cs", "OwedEmailAttributes.cs", "OrderStore.Searching.cs"];

    /// <summary>Names only the orders table uses (words such as <c>Lines</c> or <c>ExpiresAt</c> are other tables' too).</summary>
    private static readonly string[] TableNames =
    [
        "ShopperId", "SortKey", "ShopperEmail", "PlacedAt", "ConfirmedAt", "EmailSentAt", "EmailClaimedAt", "EmailClaimId",
        "AwaitingConfirmation", "PendingOrders", "ShippingAddress", "StatusHistory", "OrdersByNumber", "Shipment", "EmailsOwed", "OwesEmail", "EmailOwedSince", "OwedEmailClaim", "OrdersOwedEmail", "OrdersByEmail", "OrdersByStatus", "ORDER#", "CHECKOUT#", "#COUNTERS", "ORDERS#",
    ];

    private static readonly string ModuleFolder = Path.Combine(RepoPaths.Root, "Shop.Shared", "Orders");

    [Fact]
    public void No_code_outside_the_orders_module_names_an_attribute_of_the_orders_table()
    {
        var appFiles = new[] { "Storefront", "OrderWorker", "Shop.Shared" }
            .SelectMany(app => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, app), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !ModuleFiles.Select(m => Path.Combine(ModuleFolder, m)).Contains(f));

        var found = appFiles.SelectMany(file => NamesIn(File.ReadAllText(file)).Select(name => $"{Path.GetRelativePath(RepoPaths.Root, file)}: \"{name}\""));

        Assert.Empty(found);
    }

    [Fact]
    public void The_orders_module_names_every_attribute_the_check_looks_for()
    {
        var used = ModuleFiles.SelectMany(m => NamesIn(File.ReadAllText(Path.Combine(ModuleFolder, m)))).ToHashSet();

        Assert.Empty(TableNames.Except(used));
    }

    [Fact]
    public void A_name_quoted_in_a_comment_is_not_code_that_names_it()
    {
        const string source = """
            /// <see cref="ShopperEmail"/> of the order
            // "PlacedAt" is the order's
            @* "ConfirmedAt" *@
            var update = "SET EmailSentAt = :now";
            """;

        Assert.Equal(["EmailSentAt"], NamesIn(source));
    }

    /// <summary>The table's names that occur in a string literal of <paramref name="source"/>, as a word of it: an
    /// expression such as <c>"SET EmailSentAt = :now"</c> counts; a log template's <c>{ShopperId}</c>, an interpolated
    /// <c>{order.PlacedAt}</c>, a property after a dot (Razor's <c>"@order.PlacedAt"</c>) and a comment's quotes do not.</summary>
    private static IEnumerable<string> NamesIn(string source) =>
        StringLiteral().Matches(Comment().Replace(source, ""))
            .Select(literal => Placeholder().Replace(literal.Value, ""))
            .SelectMany(text => TableNames.Where(name => Regex.IsMatch(text, $@"(?<![\w#.]){Regex.Escape(name)}(?![\w])")))
            .Distinct();

    /// <summary>A line comment on a line of its own (doc comments included) or a Razor comment; a <c>//</c> after
    /// code is left alone, since it may be inside a string such as a URL.</summary>
    [GeneratedRegex(@"^[ \t]*//[^\n]*|@\*[\s\S]*?\*@", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex("\"(?:[^\"\\\\\\n]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}

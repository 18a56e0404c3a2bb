using Amazon.DynamoDBv2.Model;
using Storefront.Site;

namespace Storefront.Tests;

public sealed class DependencyOutageTests
{
    [Fact]
    public void A_transaction_still_conflicting_after_its_retries_is_a_busy_dependency_not_a_bug()
    {
        var conflicting = new TransactionCanceledException("Transaction cancelled")
        {
            CancellationReasons = [new CancellationReason { Code = "None" }, new CancellationReason { Code = "TransactionConflict" }],
        };
        var refused = new TransactionCanceledException("Transaction cancelled")
        {
            CancellationReasons = [new CancellationReason { Code = "ConditionalCheckFailed" }, new CancellationReason { Code = "None" }],
        };

        Assert.True(DependencyOutage.Is(conflicting));
        Assert.False(DependencyOutage.Is(refused));
    }
}

using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Storefront.Site;

/// <summary>
/// Tells a dependency that is down, overloaded or missing (DynamoDB unreachable, throttled, a 5xx, a table not there)
/// from a bug. The first is worth "please try again" (503) to a shopper; the second is a 500 and a page to an operator.
/// </summary>
public static class DependencyOutage
{
    public static bool Is(Exception exception) => exception switch
    {
        // Throttling and capacity: DynamoDB asks the caller to back off.
        ProvisionedThroughputExceededException or RequestLimitExceededException or InternalServerErrorException => true,
        // Items other writes kept busy through every retry of a transaction: the shopper's next try will find them free.
        TransactionCanceledException { CancellationReasons: { } reasons } when reasons.Any(r => r.Code is "TransactionConflict" or "ThrottlingError" or "ProvisionedThroughputExceeded") => true,
        // A table being created, deleted or misnamed by a deployment: nothing a retry by the shopper harms.
        ResourceNotFoundException => true,
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { ErrorCode: "ThrottlingException" or "Throttling" or "TooManyRequestsException" } => true,
        // Unreachable: refused connections, DNS failures, timeouts. The SDK wraps some of them.
        HttpRequestException or SocketException or TimeoutException => true,
        _ => exception.InnerException is { } inner && Is(inner),
    };
}

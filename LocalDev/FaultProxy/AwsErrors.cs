using System.Text;
using Microsoft.AspNetCore.Http;

namespace LocalDev.FaultProxy;

/// <summary>The AWS service behind a proxy, which decides the exact wire shape of the errors it answers with.</summary>
public enum AwsService
{
    DynamoDB,
    Sqs,
    Ses,
}

/// <summary>
/// Throttling and server errors as each service puts them on the wire, so the AWS SDK (and our SES sender) classify
/// them as the real ones: throttling is retried with backoff, a 500 is retried as a server error.
/// </summary>
public static class AwsErrors
{
    private const string Json10 = "application/x-amz-json-1.0";

    /// <param name="variant">Picks among equivalent errors (DynamoDB has two throttling exceptions).</param>
    public static Task WriteAsync(HttpContext context, AwsService service, Fault fault, int variant)
    {
        var throttle = fault == Fault.Throttle;
        return service switch
        {
            // JSON 1.0: HTTP 400 (500 for a server error) with "__type" naming the exception, as in
            // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html ("Error components").
            AwsService.DynamoDB => WriteAsync(context, throttle ? 400 : 500, Json10, [],
                throttle
                    ? variant % 2 == 0
                        ? """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded."}"""
                        : """{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate of requests exceeds the allowed throughput."}"""
                    : """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}"""),
            // AWSSDK.SQS v4 speaks SQS's JSON protocol: the query-protocol code travels in x-amzn-query-error, which the
            // SDK reads as the error code, and "__type" in the body, as in
            // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-json-api-responses.html.
            AwsService.Sqs => throttle
                ? WriteAsync(context, 400, Json10, [("x-amzn-query-error", "RequestThrottled;Sender")],
                    """{"__type":"com.amazonaws.sqs#RequestThrottled","message":"The request was denied due to request throttling."}""")
                : WriteAsync(context, 500, Json10, [("x-amzn-query-error", "InternalFailure;Receiver")],
                    """{"__type":"com.amazonaws.sqs#InternalFailure","message":"The request processing has failed because of an unknown error."}"""),
            // SES v2 (REST JSON): the exception in x-amzn-ErrorType; SendEmail's throttling is 429 TooManyRequestsException,
            // https://docs.aws.amazon.com/ses/latest/APIReference-V2/API_SendEmail.html ("Errors").
            AwsService.Ses => throttle
                ? WriteAsync(context, 429, "application/json", [("x-amzn-ErrorType", "TooManyRequestsException")],
                    """{"message":"Too many requests."}""")
                : WriteAsync(context, 500, "application/json", [("x-amzn-ErrorType", "InternalFailure")],
                    """{"message":"The request processing has failed because of an unknown error."}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, (string Name, string Value)[] headers, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }
}

using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using LocalDev.FaultProxy;
using LocalDev.LocalAws;

namespace LocalDev.Tests;

/// <summary>The fault-injecting proxy: AWS-shaped errors the SDK retries as AWS's own, faults before and after the call.</summary>
[Collection(EmulatorsCollection.Name)]
public sealed class FaultProxyTests(EmulatorsFixture emulators)
{
    private const int Seed = 19;
    private static readonly AWSCredentials Dummy = new BasicAWSCredentials("local", "local");

    [Fact]
    public async Task Without_faults_calls_pass_through_to_the_emulators_unchanged()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        await using var dynamoProxy = await FaultInjectingProxy.StartAsync(AwsService.DynamoDB, emulators.Names.DynamoDbUrl, Seed);
        await using var sqsProxy = await FaultInjectingProxy.StartAsync(AwsService.Sqs, emulators.Names.SqsUrl, Seed);
        using var dynamo = DynamoDbThrough(dynamoProxy, maxErrorRetry: 0);
        using var sqs = SqsThrough(sqsProxy, maxErrorRetry: 0);

        var tables = await dynamo.ListTablesAsync();
        var attributes = await sqs.GetQueueAttributesAsync(emulators.Names.QueueUrl("OrdersQueue"), ["VisibilityTimeout"]);

        Assert.Contains("CartsTable", tables.TableNames);
        Assert.Equal("180", attributes.Attributes["VisibilityTimeout"]);
        Assert.Equal(2, dynamoProxy.Counts[Fault.None] + sqsProxy.Counts[Fault.None]);
    }

    [Fact]
    public async Task A_round_trip_plan_makes_every_call_at_least_that_much_slower_and_changes_nothing_else()
    {
        var latency = TimeSpan.FromMilliseconds(200);
        await using var proxy = await ProxyAsync(AwsService.DynamoDB, emulators.Names.DynamoDbUrl, FaultPlan.RoundTrip(latency));
        using var dynamo = DynamoDbThrough(proxy, maxErrorRetry: 0);

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var tables = await dynamo.ListTablesAsync();
        var took = System.Diagnostics.Stopwatch.GetElapsedTime(started);

        Assert.NotNull(tables.TableNames);
        Assert.True(took >= latency, $"The call took {took.TotalMilliseconds} ms");
        Assert.Equal([Fault.None], proxy.Counts.Keys);
    }

    [Fact]
    public async Task A_throttled_DynamoDB_call_is_retried_by_the_SDK_and_ends_as_DynamoDB_throttling()
    {
        await using var proxy = await ProxyAsync(AwsService.DynamoDB, emulators.Names.DynamoDbUrl, new FaultPlan(ThrottleShare: 1, ErrorShare: 0));
        using var dynamo = DynamoDbThrough(proxy, maxErrorRetry: 2);

        var error = await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => dynamo.ListTablesAsync());

        Assert.Contains(error.ErrorCode, new[] { "ProvisionedThroughputExceededException", "ThrottlingException" });
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        // The SDK retried: it took the answer for throttling, as it takes DynamoDB's own.
        Assert.Equal(3, proxy.Counts[Fault.Throttle]);
    }

    [Fact]
    public async Task A_throttled_SQS_call_is_retried_by_the_SDK_and_ends_as_SQS_throttling()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        await using var proxy = await ProxyAsync(AwsService.Sqs, emulators.Names.SqsUrl, new FaultPlan(ThrottleShare: 1, ErrorShare: 0));
        using var sqs = SqsThrough(proxy, maxErrorRetry: 2);

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => sqs.SendMessageAsync(emulators.Names.QueueUrl("OrdersDeadLetterQueue"), "{}"));

        Assert.Equal("RequestThrottled", error.ErrorCode);
        Assert.Equal(3, proxy.Counts[Fault.Throttle]);
    }

    [Fact]
    public async Task A_throttled_SES_call_is_answered_429_TooManyRequestsException()
    {
        await using var proxy = await ProxyAsync(AwsService.Ses, emulators.Names.SesUrl, new FaultPlan(ThrottleShare: 1, ErrorShare: 0));
        using var http = new HttpClient();

        using var response = await http.PostAsync($"{proxy.Url}/v2/email/outbound-emails", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("TooManyRequestsException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
    }

    [Fact]
    public async Task A_call_failed_after_forwarding_took_effect_and_one_failed_before_did_not()
    {
        await emulators.Names.ProvisionAndSeedAsync(CancellationToken.None);
        await using var proxy = await ProxyAsync(AwsService.DynamoDB, emulators.Names.DynamoDbUrl, new FaultPlan(ThrottleShare: 0, ErrorShare: 1));
        using var dynamo = DynamoDbThrough(proxy, maxErrorRetry: 0);
        using var direct = emulators.Names.DynamoDb();
        var carts = Enumerable.Range(0, 24).Select(_ => $"fault-proxy-{Guid.NewGuid():N}").ToList();

        foreach (var cart in carts)
        {
            // Every call fails: a 500 or a reset connection, before or after DynamoDB Local saw it.
            await Assert.ThrowsAnyAsync<Exception>(() => dynamo.PutItemAsync("CartsTable", new() { ["CartId"] = new(cart) }));
        }
        var written = 0;
        foreach (var cart in carts)
        {
            written += (await direct.GetItemAsync("CartsTable", new() { ["CartId"] = new(cart) })).IsItemSet ? 1 : 0;
        }

        var counts = proxy.Counts;
        Assert.All(new[] { Fault.ServerErrorBefore, Fault.ServerErrorAfter, Fault.DropBefore, Fault.DropAfter }, f => Assert.True(counts.GetValueOrDefault(f) > 0, $"no {f}"));
        // The client saw every call fail, yet some took effect (after) and some did not (before). (Not an exact count:
        // .NET's HTTP handler itself resends a request whose pooled connection was reset, so one put may meet two faults.)
        Assert.InRange(written, 1, carts.Count - 1);
    }

    [Fact]
    public void A_plan_gives_its_shares_and_only_before_forwarding_never_lets_a_failed_call_through()
    {
        var random = new Random(Seed);
        var plan = new FaultPlan(ThrottleShare: 0.10, ErrorShare: 0.02);
        var drawn = Enumerable.Range(0, 100_000).Select(_ => plan.Choose(random)).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        var beforeOnly = Enumerable.Range(0, 10_000).Select(_ => (plan with { OnlyBeforeForwarding = true }).Choose(random)).ToHashSet();

        Assert.InRange(drawn[Fault.Throttle], 9_500, 10_500);
        Assert.InRange(drawn.Where(d => d.Key is not (Fault.None or Fault.Throttle)).Sum(d => d.Value), 1_800, 2_200);
        Assert.DoesNotContain(Fault.ServerErrorAfter, beforeOnly);
        Assert.DoesNotContain(Fault.DropAfter, beforeOnly);
        Assert.Contains(Fault.DropBefore, beforeOnly);
    }

    private static async Task<FaultInjectingProxy> ProxyAsync(AwsService service, string target, FaultPlan plan)
    {
        var proxy = await FaultInjectingProxy.StartAsync(service, target, Seed);
        proxy.Plan = plan;
        return proxy;
    }

    private IAmazonDynamoDB DynamoDbThrough(FaultInjectingProxy proxy, int maxErrorRetry) =>
        new AmazonDynamoDBClient(Dummy, new AmazonDynamoDBConfig { ServiceURL = proxy.Url, AuthenticationRegion = emulators.Names.Region, MaxErrorRetry = maxErrorRetry });

    private IAmazonSQS SqsThrough(FaultInjectingProxy proxy, int maxErrorRetry) =>
        new AmazonSQSClient(Dummy, new AmazonSQSConfig { ServiceURL = proxy.Url, AuthenticationRegion = emulators.Names.Region, MaxErrorRetry = maxErrorRetry });
}

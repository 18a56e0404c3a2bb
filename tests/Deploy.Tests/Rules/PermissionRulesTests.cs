using System.Text.Json.Nodes;
using Deploy.Tests.Template;
using static Deploy.Tests.Rules.RuleTemplate;

namespace Deploy.Tests.Rules;

/// <summary>Function roles: one each, exact actions on resources of the template (<see cref="DeploymentRules.Permissions"/>).</summary>
public sealed class PermissionRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    [Fact]
    public void Each_function_has_its_own_role_with_exact_actions_on_resources_the_template_names()
    {
        Assert.Empty(DeploymentRules.Permissions(Template));
    }

    [Fact]
    public void A_wildcard_action_or_resource_in_a_function_role_is_refused()
    {
        var broken = Template.With(t =>
        {
            Statements(t, "StorefrontRole")[1]!["Action"] = new JsonArray("dynamodb:*");
            Statements(t, "OrderWorkerRole")[1]!["Resource"] = "*";
        });

        var problems = DeploymentRules.Permissions(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("StorefrontRole.storefront[ReadProductsAndTakeStock]: action \"dynamodb:*\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OrderWorkerRole.order-worker[ConsumeOrders]: resource \"*\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_wildcard_index_ARN_a_shared_role_a_SAM_policy_template_or_an_open_invoke_permission_is_refused()
    {
        var broken = Template.With(t =>
        {
            Statements(t, "StorefrontRole")[1]!["Resource"] = new JsonObject { ["Fn::Sub"] = "${ProductsTable.Arn}/index/*" };
            Properties(t, "OrderWorkerFunction")["Role"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("StorefrontRole", "Arn") };
            Properties(t, "OrderWorkerFunction")["Policies"] = new JsonArray(new JsonObject { ["SQSPollerPolicy"] = new JsonObject { ["QueueName"] = "x" } });
            Properties(t, "StorefrontApiPermission").Remove("SourceArn");
        });

        var problems = DeploymentRules.Permissions(broken).ToList();

        Assert.Contains(problems, p => p.Contains("has a wildcard", StringComparison.Ordinal));
        Assert.Contains("OrderWorkerFunction: shares its role StorefrontRole with StorefrontFunction; each function has its own", problems);
        Assert.Contains(problems, p => p.StartsWith("OrderWorkerFunction: SAM policy templates", StringComparison.Ordinal));
        Assert.Contains("StorefrontApiPermission: a function may only be invoked from a source of this template (SourceArn)", problems);
    }

    /// <summary>
    /// The reviewed list of what each function may do. A change to a role must change this list too, so that the
    /// change is seen in review: each line is one action on one resource or parameter of the template.
    /// </summary>
    [Fact]
    public void Function_roles_grant_exactly_the_reviewed_permissions()
    {
        var grants = DeploymentRules.Grants(Template);

        Assert.Equal(
            [
                "dynamodb:BatchGetItem on ProductsTable", // checkout reads price and stock
                "dynamodb:DeleteItem on CartsTable",
                "dynamodb:DeleteItem on SessionsTable", // sign-out, and an operator's "sign out everywhere"
                "dynamodb:DescribeTable on ProductsTable", // readiness check
                "dynamodb:GetItem on CartsTable",
                "dynamodb:GetItem on OrdersTable",
                "dynamodb:GetItem on ProductsTable",
                "dynamodb:GetItem on SessionsTable", // the signed-in shopper's session, once per request
                "dynamodb:PutItem on DataProtectionKeysTable", // a new key of the shared key ring
                "dynamodb:PutItem on OrdersTable if dynamodb:LeadingKeys ForAllValues:StringNotEquals #COUNTERS", // the order and its idempotency record, under the shopper's id, in the checkout transaction
                "dynamodb:PutItem on ProductHistoryTable", // an operator's change to a product, in the change's transaction
                "dynamodb:PutItem on SessionsTable", // sign-in, and renewing a session past its halfway mark
                "dynamodb:Query on OrdersTable", // a shopper's own orders (their id is the key); operators: the OrdersByNumber, OrdersByEmail and OrdersByStatus indexes
                "dynamodb:Query on ProductHistoryTable", // a product's changes, on its operator page
                "dynamodb:Query on ProductsTable", // the catalog snapshot's refresh, on its ProductsByChange index only
                "dynamodb:Query on SessionsTable", // "sign out everywhere": one shopper's sessions (their id is the key)
                "dynamodb:Scan on DataProtectionKeysTable", // reading the key ring
                "dynamodb:Scan on ProductsTable",
                "dynamodb:UpdateItem on CartsTable", // one line at a time, or the whole cart; with the delete, the sign-in fold's transaction
                "dynamodb:UpdateItem on OrdersTable", // the order counters (checkout, cancel, ship, deliver); cancel, ship, deliver, resend
                "dynamodb:UpdateItem on ProductsTable", // taking stock at checkout, returning it on cancel; operators' creates, edits, stock changes
                "logs:CreateLogStream on StorefrontLogGroup",
                "logs:PutLogEvents on StorefrontLogGroup",
                "s3:PutObject on StaticBucket/media/*", // operators' product images, a new key each (MediaRulesTests)
                "sqs:DeleteMessage on OrdersDeadLetterQueue", // operations page: redrive
                "sqs:GetQueueAttributes on OrdersDeadLetterQueue", // operations page: counts
                "sqs:GetQueueAttributes on OrdersQueue", // readiness check, operations page
                "sqs:ReceiveMessage on OrdersDeadLetterQueue", // operations page: peek and redrive
                "sqs:SendMessage on OrdersQueue",
            ],
            grants["StorefrontFunction"]);
        Assert.Equal(
            [
                "dynamodb:DescribeTable on ProductsTable", // readiness check
                "dynamodb:GetItem on OrdersTable if dynamodb:LeadingKeys ForAllValues:StringNotEquals #COUNTERS",
                "dynamodb:Query on OrdersTable", // the sweep, on its PendingOrders and OrdersOwedEmail indexes only
                "dynamodb:UpdateItem on OrdersTable if dynamodb:LeadingKeys ForAllValues:StringNotEquals #COUNTERS", // PENDING → CONFIRMED, the email claim and mark
                "logs:CreateLogStream on OrderWorkerLogGroup",
                "logs:PutLogEvents on OrderWorkerLogGroup",
                "ses:SendEmail on identity/* if ses:FromAddress StringEquals SenderEmailAddress", // any identity: the sandbox also checks the recipient's
                "sqs:DeleteMessage on OrdersQueue", // the event source mapping
                "sqs:GetQueueAttributes on OrdersQueue",
                "sqs:ReceiveMessage on OrdersQueue",
                "sqs:SendMessage on OrdersQueue", // the sweep re-sends stuck orders
            ],
            grants["OrderWorkerFunction"]);
    }

    [Fact]
    public void The_worker_may_send_email_only_from_the_sender_address_to_any_recipient()
    {
        var statement = Statements(Template.Root, "OrderWorkerRole").Single(s => s!["Sid"]!.GetValue<string>() == "SendOrderEmailsFromTheShopsAddress")!;

        Assert.Equal("SenderEmailAddress", CfnTemplate.TargetOf(statement["Condition"]!["StringEquals"]!["ses:FromAddress"]));
        Assert.EndsWith(":identity/*", statement["Resource"]!["Fn::Sub"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sending_as_any_identity_without_the_From_address_pinned_is_refused()
    {
        var broken = Template.With(t =>
            Statements(t, "OrderWorkerRole").Single(s => s!["Sid"]!.GetValue<string>() == "SendOrderEmailsFromTheShopsAddress")!.AsObject().Remove("Condition"));

        Assert.Contains(DeploymentRules.Permissions(broken), p => p.StartsWith("OrderWorkerRole.order-worker[SendOrderEmailsFromTheShopsAddress]: resource", StringComparison.Ordinal) && p.EndsWith("has a wildcard", StringComparison.Ordinal));
    }

    /// <summary>The shopper's id is the orders table's partition key, and no IAM variable holds it for a function that
    /// serves every shopper; what the key shape allows is keeping the counters' partition and the shoppers' apart.</summary>
    [Fact]
    public void The_counters_partition_the_roles_name_is_the_one_the_Storefront_writes()
    {
        var values = new[] { "StorefrontRole", "OrderWorkerRole" }.SelectMany(role => Statements(Template.Root, role))
            .SelectMany(s => (s!["Condition"]?.AsObject() ?? []).Select(c => c.Value?["dynamodb:LeadingKeys"]))
            .OfType<JsonArray>().SelectMany(keys => keys.Select(k => k!.GetValue<string>())).Distinct();

        Assert.Equal([Shop.Shared.Orders.OrderCounters.Partition], values);
    }
}

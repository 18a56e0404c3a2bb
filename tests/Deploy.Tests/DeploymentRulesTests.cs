using System.Text.Json.Nodes;
using Deploy.Tests.Template;

namespace Deploy.Tests;

/// <summary>Each rule holds for serverless.template, and fails on a copy broken the way a careless change would break it.</summary>
public sealed class DeploymentRulesTests
{
    private static readonly CfnTemplate Template = CfnTemplate.Load();

    private static JsonObject Properties(JsonObject root, string id) => root["Resources"]![id]!["Properties"]!.AsObject();

    private static JsonArray Statements(JsonObject root, string role) => Properties(root, role)["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

    private static JsonObject Variables(JsonObject root, string function) => Properties(root, function)["Environment"]!["Variables"]!.AsObject();

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
                "dynamodb:DescribeTable on ProductsTable", // readiness check
                "dynamodb:GetItem on CartsTable",
                "dynamodb:GetItem on OrdersTable",
                "dynamodb:GetItem on ProductsTable",
                "dynamodb:PutItem on CartsTable",
                "dynamodb:PutItem on DataProtectionKeysTable", // a new key of the shared key ring
                "dynamodb:PutItem on OrdersTable", // the order and its idempotency record, in the checkout transaction
                "dynamodb:Query on OrdersTable", // a shopper's own orders (their id is the key)
                "dynamodb:Scan on DataProtectionKeysTable", // reading the key ring
                "dynamodb:Scan on ProductsTable",
                "dynamodb:UpdateItem on OrdersTable", // the operations page's order counters, in the checkout transaction
                "dynamodb:UpdateItem on ProductsTable", // taking stock, in the checkout transaction
                "logs:CreateLogStream on StorefrontLogGroup",
                "logs:PutLogEvents on StorefrontLogGroup",
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
                "dynamodb:GetItem on OrdersTable",
                "dynamodb:Query on OrdersTable", // the sweep, on its PendingOrders index only
                "dynamodb:UpdateItem on OrdersTable", // PENDING → CONFIRMED, the email claim and mark
                "logs:CreateLogStream on OrderWorkerLogGroup",
                "logs:PutLogEvents on OrderWorkerLogGroup",
                "ses:SendEmail on SenderEmailAddress", // the address's identity and its domain's, From limited to the address
                "sqs:DeleteMessage on OrdersQueue", // the event source mapping
                "sqs:GetQueueAttributes on OrdersQueue",
                "sqs:ReceiveMessage on OrdersQueue",
                "sqs:SendMessage on OrdersQueue", // the sweep re-sends stuck orders
            ],
            grants["OrderWorkerFunction"]);
    }

    [Fact]
    public void The_worker_may_send_email_only_from_the_sender_address()
    {
        var statement = Statements(Template.Root, "OrderWorkerRole").Single(s => s!["Sid"]!.GetValue<string>() == "SendOrderEmailsFromTheShopsAddress")!;

        Assert.Equal("SenderEmailAddress", CfnTemplate.TargetOf(statement["Condition"]!["StringEquals"]!["ses:FromAddress"]));
        Assert.All(statement["Resource"]!.AsArray(), r => Assert.Contains(":identity/${", r!["Fn::Sub"]!.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_table_and_queue_setting_names_a_declared_resource_the_function_may_use()
    {
        // Known and accepted: QueueOptions requires the dead-letter queue's URL in both apps, but the worker never
        // reads it, so its role grants nothing on it (the Storefront's operations page does use it).
        Assert.Equal(
            [
                "OrderWorkerFunction.Queues__OrdersDeadLetter: the function's role grants nothing on OrdersDeadLetterQueue",
            ],
            DeploymentRules.Settings(Template));
    }

    [Fact]
    public void A_setting_naming_an_undeclared_table_or_one_the_role_cannot_use_is_refused()
    {
        var broken = Template.With(t =>
        {
            Variables(t, "StorefrontFunction")["Tables__Orders"] = "orders";
            var statements = Statements(t, "OrderWorkerRole");
            statements.Remove(statements.Single(s => s!["Sid"]!.GetValue<string>() == "CheckProductsTable"));
        });

        var problems = DeploymentRules.Settings(broken).ToList();

        Assert.Contains("StorefrontFunction.Tables__Orders: must be a Ref to an AWS::DynamoDB::Table of this template", problems);
        Assert.Contains("OrderWorkerFunction.Tables__Products: the function's role grants nothing on ProductsTable", problems);
    }

    [Fact]
    public void Both_functions_run_behind_the_web_adapter_on_the_dotnet10_runtime()
    {
        Assert.Empty(DeploymentRules.Functions(Template));
    }

    [Fact]
    public void A_worker_whose_5xx_would_not_fail_the_invocation_or_a_wrong_layer_or_port_is_refused()
    {
        var broken = Template.With(t =>
        {
            Variables(t, "OrderWorkerFunction").Remove("AWS_LWA_ERROR_STATUS_CODES");
            Variables(t, "StorefrontFunction")["AWS_LWA_PORT"] = "8081";
            t["Globals"]!["Function"]!["Layers"]![0]!["Fn::If"]![2] = new JsonObject { ["Fn::Sub"] = "arn:aws:lambda:${AWS::Region}:753240598075:layer:LambdaAdapterLayerX86:25" };
        });

        var problems = DeploymentRules.Functions(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("OrderWorkerFunction: AWS_LWA_ERROR_STATUS_CODES", StringComparison.Ordinal));
        Assert.Contains("StorefrontFunction: AWS_LWA_PORT and ASPNETCORE_HTTP_PORTS must name the same port", problems);
        Assert.Contains(problems, p => p.StartsWith("OrderWorkerFunction: Layers must be the adapter layer", StringComparison.Ordinal));
    }

    [Fact]
    public void The_orders_queue_redrives_to_an_alarmed_dead_letter_queue_and_outlasts_the_worker()
    {
        Assert.Empty(DeploymentRules.Queues(Template));
    }

    [Fact]
    public void A_short_visibility_timeout_few_receives_no_partial_batch_response_or_an_unwatched_DLQ_are_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "OrdersQueue")["VisibilityTimeout"] = 60;
            Properties(t, "OrdersQueue")["RedrivePolicy"]!["maxReceiveCount"] = 2;
            Properties(t, "OrderWorkerQueueMapping").Remove("FunctionResponseTypes");
            t["Resources"]!.AsObject().Remove("DeadLetterQueueNotEmptyAlarm");
        });

        var problems = DeploymentRules.Queues(broken).ToList();

        Assert.Contains("OrdersQueue: VisibilityTimeout 60 s is under 6 × OrderWorkerFunction's timeout (25 s) + the batching window (5 s)", problems);
        Assert.Contains(problems, p => p.StartsWith("OrdersQueue: maxReceiveCount must be at least 5", StringComparison.Ordinal));
        Assert.Contains("OrderWorkerQueueMapping: FunctionResponseTypes must include ReportBatchItemFailures", problems);
        Assert.Contains("OrdersDeadLetterQueue: needs an alarm when it holds any message (ApproximateNumberOfMessagesVisible > 0)", problems);
    }

    [Fact]
    public void Tables_are_on_demand_with_point_in_time_recovery()
    {
        Assert.Empty(DeploymentRules.Tables(Template));
    }

    [Fact]
    public void A_provisioned_table_without_recovery_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "ProductsTable")["BillingMode"] = "PROVISIONED";
            Properties(t, "ProductsTable").Remove("PointInTimeRecoverySpecification");
        });

        var problems = DeploymentRules.Tables(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("ProductsTable: BillingMode must be PAY_PER_REQUEST", StringComparison.Ordinal));
        Assert.Contains("ProductsTable: needs point-in-time recovery", problems);
    }

    [Fact]
    public void Logs_are_kept_for_a_while_and_alarms_and_the_dashboard_cover_the_api_functions_and_queues()
    {
        Assert.Empty(DeploymentRules.Observability(Template));
    }

    [Fact]
    public void Missing_retention_a_missing_alarm_or_a_silent_alarm_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "OrderWorkerLogGroup").Remove("RetentionInDays");
            t["Resources"]!.AsObject().Remove("OrderWorkerThrottlesAlarm");
            t["Resources"]!.AsObject().Remove("ApiLatencyP99Alarm");
            Properties(t, "StorefrontErrorsAlarm").Remove("AlarmActions");
        });

        var problems = DeploymentRules.Observability(broken).ToList();

        Assert.Contains("OrderWorkerLogGroup: needs RetentionInDays (logs kept forever cost forever)", problems);
        Assert.Contains("OrderWorkerFunction: needs an alarm on Throttles", problems);
        Assert.Contains("StorefrontHttpApi: needs an alarm on p99 latency", problems);
        Assert.Contains("StorefrontErrorsAlarm: must notify the alarm topic (AlarmActions)", problems);
    }

    [Fact]
    public void CloudFront_serves_the_api_uncached_with_the_public_host_and_static_files_from_a_private_bucket()
    {
        Assert.Empty(DeploymentRules.Edge(Template));
    }

    [Fact]
    public void Plain_http_a_cached_api_a_public_bucket_or_a_bucket_open_to_others_is_refused()
    {
        var broken = Template.With(t =>
        {
            var config = Properties(t, "Distribution")["DistributionConfig"]!;
            config["DefaultCacheBehavior"]!["ViewerProtocolPolicy"] = "allow-all";
            config["DefaultCacheBehavior"]!["CachePolicyId"]!["Fn::FindInMap"]![2] = "CachingOptimized";
            Properties(t, "StaticBucket")["PublicAccessBlockConfiguration"]!["BlockPublicPolicy"] = false;
            Properties(t, "StaticBucketPolicy")["PolicyDocument"]!["Statement"]![0]!["Principal"] = "*";
        });

        var problems = DeploymentRules.Edge(broken).ToList();

        Assert.Contains("Distribution: behaviour default must be HTTPS only", problems);
        Assert.Contains(problems, p => p.StartsWith("Distribution: the API's pages are per shopper", StringComparison.Ordinal));
        Assert.Contains("StaticBucket: must block all public access", problems);
        Assert.Contains("StaticBucket: the bucket policy may only let this distribution read objects", problems);
    }

    [Fact]
    public void Shoppers_sign_in_with_a_verified_email_through_a_confidential_code_flow_client_on_the_shop_url()
    {
        Assert.Empty(DeploymentRules.SignIn(Template));
    }

    [Fact]
    public void A_weak_password_policy_an_implicit_flow_or_a_plain_http_callback_is_refused()
    {
        var broken = Template.With(t =>
        {
            Properties(t, "UserPool")["Policies"]!["PasswordPolicy"]!["RequireSymbols"] = false;
            Properties(t, "UserPoolClient")["AllowedOAuthFlows"] = new JsonArray("code", "implicit");
            Properties(t, "UserPoolClient")["CallbackURLs"] = new JsonArray(new JsonObject { ["Fn::Sub"] = "http://${Distribution.DomainName}/signin-oidc" });
        });

        var problems = DeploymentRules.SignIn(broken).ToList();

        Assert.Contains(problems, p => p.StartsWith("UserPool: passwords need 8+ characters", StringComparison.Ordinal));
        Assert.Contains("UserPoolClient: the authorization code flow only", problems);
        Assert.Contains("UserPoolClient: CallbackURLs must be https URLs on the CloudFront domain", problems);
    }

    [Fact]
    public void The_stack_outputs_the_shop_url_and_what_a_deployer_needs_next()
    {
        Assert.Empty(DeploymentRules.Outputs(Template));
        Assert.Contains("Outputs: ShopUrl is missing", DeploymentRules.Outputs(Template.With(t => t["Outputs"]!.AsObject().Remove("ShopUrl"))));
    }
}

using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Shop.Shared.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the options for AWS, tables and queues (validated at start-up) and the DynamoDB and SQS clients.
    /// Credentials always come from the SDK's default chain: the Lambda role in AWS, dummy keys from the environment locally.
    /// </summary>
    public static IHostApplicationBuilder AddShopAws(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AwsOptions>().BindConfiguration(AwsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TableOptions>().BindConfiguration(TableOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<IAmazonDynamoDB>(sp =>
        {
            var aws = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            return new AmazonDynamoDBClient(Configure(new AmazonDynamoDBConfig(), aws, aws.ServiceUrls.DynamoDB));
        });
        builder.Services.AddSingleton<IAmazonSQS>(sp =>
        {
            var aws = sp.GetRequiredService<IOptions<AwsOptions>>().Value;
            return new AmazonSQSClient(Configure(new AmazonSQSConfig(), aws, aws.ServiceUrls.SQS));
        });
        return builder;
    }

    /// <summary>Applies the region, or an emulator's URL signed for that region.</summary>
    public static TConfig Configure<TConfig>(TConfig config, AwsOptions aws, string? serviceUrl) where TConfig : ClientConfig
    {
        if (string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(aws.Region);
        }
        else
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = aws.Region;
        }
        return config;
    }
}

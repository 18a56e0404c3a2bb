using System.ComponentModel.DataAnnotations;

namespace Shop.Shared.Aws;

/// <summary>Where the AWS services are. In Lambda only the region is set; locally the emulators' URLs too.</summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    [Required]
    public string Region { get; set; } = "";

    public ServiceUrls ServiceUrls { get; set; } = new();
}

/// <summary>Endpoint overrides per service; empty means the SDK's regional endpoint.</summary>
public sealed class ServiceUrls
{
    public string? DynamoDB { get; set; }
    public string? SQS { get; set; }
    public string? SES { get; set; }
    public string? S3 { get; set; }
}

/// <summary>
/// DynamoDB table names, as the deployment (or the local stack) names them: every table under <c>Tables:</c>. Both
/// functions use products and orders; carts and the key ring are the Storefront's alone, and it requires them at
/// start-up (<c>AddCart</c>, <c>AddSharedKeyRing</c>).
/// </summary>
public sealed class TableOptions
{
    public const string Section = "Tables";

    [Required]
    public string Products { get; set; } = "";

    [Required]
    public string Orders { get; set; } = "";

    public string Carts { get; set; } = "";

    /// <summary>Signed-in shoppers' sessions, kept server-side so that signing out ends them everywhere.</summary>
    public string Sessions { get; set; } = "";

    /// <summary>Every change operators made to a product (the Storefront's alone, required by <c>AddCatalog</c>).</summary>
    public string ProductHistory { get; set; } = "";

    /// <summary>The shared data-protection key ring.</summary>
    public string KeyRing { get; set; } = "";
}

/// <summary>SQS queue URLs.</summary>
public sealed class QueueOptions
{
    public const string Section = "Queues";

    [Required, Url]
    public string Orders { get; set; } = "";

    [Required, Url]
    public string OrdersDeadLetter { get; set; } = "";
}

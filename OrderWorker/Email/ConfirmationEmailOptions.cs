using System.ComponentModel.DataAnnotations;

namespace OrderWorker.Email;

/// <summary>Who confirmation emails come from and how they show the shop.</summary>
public sealed class ConfirmationEmailOptions
{
    public const string Section = "ConfirmationEmail";

    /// <summary>A verified SES identity (the template's sender parameter).</summary>
    [Required, EmailAddress]
    public string FromAddress { get; set; } = "";

    [Required]
    public string ShopName { get; set; } = "";

    /// <summary>Culture whose currency format prices use; the same as the Storefront's <c>Shop:Culture</c>.</summary>
    [Required]
    public string Culture { get; set; } = "";

    /// <summary>The shop's public origin, for the link to the order page.</summary>
    [Required, Url]
    public string StorefrontUrl { get; set; } = "";
}

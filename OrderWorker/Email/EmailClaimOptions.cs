using System.ComponentModel.DataAnnotations;

namespace OrderWorker.Email;

/// <summary>How long a delivery's claim on an order's email holds (both the confirmation and the later emails).</summary>
public sealed class EmailClaimOptions
{
    public const string Section = "Email";

    /// <summary>
    /// Longer than a delivery can take (the function's timeout), so two deliveries never both send; shorter than the
    /// orders queue's visibility timeout, so a delivery cut off between the send and its record is redelivered after
    /// the claim has lapsed and sends, rather than finding it held every time and ending as a dead letter.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "12:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}

namespace Storefront.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ShopClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => Now;
}

using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;
using Shop.Shared.Orders;
using Storefront.Account;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Checkout;
using Storefront.KeyRing;
using Storefront.Operations;
using Storefront.Orders;
using Storefront.Security;
using Storefront.Site;

var builder = WebApplication.CreateBuilder(args);
foreach (var addServices in Program.Services)
{
    addServices(builder);
}
// Once every part is in: any of them may add data protection, and with it the key ring's read before start-up.
builder.Services.ReadKeyRingBesideStartUp();

var app = builder.Build();

app.UseLambdaRequestId();
app.UseCorrelationId();
app.UseShopPages();
app.UseOutageGuard();
app.UseAccount();
app.UseSecurity();
app.UseCatalogPageCache();
app.MapShopHealthChecks();
app.MapRazorPages();
app.MapCatalog();
app.MapAccountEndpoints();
app.MapOrdersApi();

app.Run();

public partial class Program
{
    /// <summary>
    /// What the Storefront is made of: each part registers its own services, once, and in any order
    /// (<c>StorefrontServicesTests</c> builds them in reverse and validates the container).
    /// </summary>
    public static readonly IReadOnlyList<Action<IHostApplicationBuilder>> Services =
    [
        builder => builder.Services.AddSingleton(TimeProvider.System),
        builder => builder.AddShopObservability(),
        builder => builder.AddShopAws(),
        builder => builder.AddShopHealthChecks(),
        builder => builder.AddShopOrders(),
        builder => builder.AddShopPages(),
        builder => builder.AddSharedKeyRing(),
        builder => builder.AddAccount(),
        builder => builder.AddSecurity(),
        builder => builder.AddCatalog(),
        builder => builder.AddCart(),
        builder => builder.AddCheckout(),
        builder => builder.AddOrders(),
        builder => builder.AddOperations(),
    ];
}

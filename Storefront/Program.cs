using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Checkout;
using Storefront.Operations;
using Storefront.Shared;

var builder = WebApplication.CreateBuilder(args);

builder.AddShopObservability();
builder.AddShopAws();
builder.AddShopHealthChecks();
builder.AddShopPages();
builder.AddCatalog();
builder.AddCart();
builder.AddCheckout();
builder.AddOperations();

var app = builder.Build();

app.UseLambdaRequestId();
app.UseCorrelationId();
app.UseShopPages();
app.UseAuthentication();
app.UseAuthorization();
app.MapShopHealthChecks();
app.MapRazorPages();
app.MapCatalog();

app.Run();

public partial class Program;

using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;
using Storefront.Account;
using Storefront.Cart;
using Storefront.Catalog;
using Storefront.Checkout;
using Storefront.KeyRing;
using Storefront.Operations;
using Storefront.Orders;
using Storefront.Security;
using Storefront.Shared;

var builder = WebApplication.CreateBuilder(args);

builder.AddShopObservability();
builder.AddShopAws();
builder.AddShopHealthChecks();
builder.AddShopPages();
builder.AddSharedKeyRing();
builder.AddAccount();
builder.AddCatalog();
builder.AddCart();
builder.AddCheckout();
builder.AddOrders();
builder.AddOperations();
builder.AddSecurity();

var app = builder.Build();

app.UseLambdaRequestId();
app.UseCorrelationId();
app.UseShopPages();
app.UseAccount();
app.UseSecurity();
app.UseCatalogPageCache();
app.MapShopHealthChecks();
app.MapRazorPages();
app.MapCatalog();
app.MapAccountEndpoints();
app.MapOrdersApi();

app.Run();

public partial class Program;

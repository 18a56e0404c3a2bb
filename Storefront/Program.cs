using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;
using Storefront.Account;
using Storefront.Catalog;
using Storefront.KeyRing;
using Storefront.Shared;

var builder = WebApplication.CreateBuilder(args);

builder.AddShopObservability();
builder.AddShopAws();
builder.AddShopHealthChecks();
builder.AddShopPages();
builder.AddSharedKeyRing();
builder.AddAccount();
builder.AddCatalog();

var app = builder.Build();

app.UseShopPages();
app.UseAccount();
app.MapShopHealthChecks();
app.MapRazorPages();
app.MapAccountEndpoints();

app.Run();

public partial class Program;

using OrderWorker.Confirmation;
using OrderWorker.Fulfilment;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;
using Shop.Shared.Orders;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.AddShopObservability();
builder.AddShopAws();
builder.AddShopHealthChecks();
builder.AddShopOrders();
builder.AddOrderConfirmation();
builder.AddOrderFulfilment();
builder.AddOrderEvents();

var app = builder.Build();

app.UseLambdaRequestId();
app.MapShopHealthChecks();
app.MapOrderEvents();

app.Run();

public partial class Program;

using OrderWorker.Confirmation;
using OrderWorker.Queue;
using Shop.Shared.Aws;
using Shop.Shared.Health;
using Shop.Shared.Observability;

var builder = WebApplication.CreateBuilder(args);

builder.AddShopObservability();
builder.AddShopAws();
builder.AddShopHealthChecks();
builder.AddOrderConfirmation();
builder.AddOrderEvents();

var app = builder.Build();

app.UseLambdaRequestId();
app.MapShopHealthChecks();
app.MapOrderEvents();

app.Run();

public partial class Program;

using LocalDev.IdentityProvider;
using LocalDev.IdentityProvider.Protocol;
using LocalDev.IdentityProvider.Users;
using Microsoft.AspNetCore.DataProtection;

// A stand-in for the Amazon Cognito hosted UI, for local development and tests only (README, "Local development").
//   IdentityProvider                          serve (configured by the app host or a test fixture)
//   IdentityProvider make-admin <email>       add a user to the admin group
var builder = WebApplication.CreateBuilder(args is ["make-admin", _, .. var rest] ? rest : args);
// Read once up front too: the issuer, key and data directory shape the services registered below.
var provider = builder.Configuration.GetSection(ProviderOptions.Section).Get<ProviderOptions>() ?? new ProviderOptions();

if (args is ["make-admin", var email, ..])
{
    var admin = new UserStore(provider.DataDirectory).AddToGroup(email, "admin");
    Console.WriteLine(admin is null ? $"No user {email} in {provider.DataDirectory}." : $"{admin.Email} is in the admin group from their next sign-in.");
    return admin is null ? 1 : 0;
}

builder.Services.AddOptions<ProviderOptions>().BindConfiguration(ProviderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new UserStore(provider.DataDirectory));
builder.Services.AddSingleton<UserPool>();
builder.Services.AddHttpClient<CodeMailer>();
// Hosted-UI sessions survive a restart, like the users and the signing key.
builder.Services.AddDataProtection().SetApplicationName("LocalIdentityProvider")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(provider.DataDirectory, "session-keys")));
builder.AddHostedUiSession();
builder.AddOpenIdServer(provider);
builder.Services.AddRazorPages();
builder.AddHostedUiProtection();

var app = builder.Build();
app.UseHostedUiProtection();
app.UseAuthentication();
app.MapGet("/healthz", () => "ok");
app.MapProtocolEndpoints();
app.MapRazorPages();
app.Run();
return 0;

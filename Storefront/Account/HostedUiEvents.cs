using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Storefront.Shopping;

namespace Storefront.Account;

/// <summary>Where the shop steps into the OpenID Connect exchange with the Cognito hosted UI.</summary>
public sealed class HostedUiEvents(AuthOptions auth, ILogger<HostedUiEvents> logger) : OpenIdConnectEvents
{
    /// <summary>Set on a challenge to open the hosted UI's sign-up page instead of its sign-in page.</summary>
    public const string SignUpItem = "signup";

    public override Task RedirectToIdentityProvider(RedirectContext context)
    {
        // Cognito's /signup takes the same parameters as /oauth2/authorize and returns the same way.
        if (context.Properties.Items.ContainsKey(SignUpItem))
        {
            context.ProtocolMessage.IssuerAddress = $"{auth.CognitoDomain.TrimEnd('/')}/signup";
        }
        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        // Cognito signs id and access tokens with the same keys; only an id token may sign a shopper in.
        if (context.Principal?.FindFirst("token_use")?.Value != "id")
        {
            context.Fail("The token is not a Cognito id token.");
            return Task.CompletedTask;
        }
        context.Principal = ShopperClaims.Keep(context.Principal, context.Scheme.Name);
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        // A forged or replayed callback, a refused code or a cancelled sign-in: no session, and a page that says so.
        logger.LogWarning(context.Failure, "Sign-in failed: {Reason}", context.Failure?.Message);
        context.Response.Redirect("/account/sign-in-failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}

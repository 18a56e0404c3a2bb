using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LocalDev.IdentityProvider.Protocol;

/// <summary>
/// Cognito marks each token with <c>token_use</c>: <c>id</c> or <c>access</c>. OpenIddict sends a claim type to one
/// set of tokens only, so the value is set on each token's own principal, after OpenIddict has prepared them.
/// </summary>
public sealed class TokenUse : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<TokenUse>()
            .SetOrder(OpenIddictServerHandlers.PrepareUserCodePrincipal.Descriptor.Order + 500) // before tokens are generated
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        context.IdentityTokenPrincipal?.SetClaim("token_use", "id");
        context.AccessTokenPrincipal?.SetClaim("token_use", "access");
        return default;
    }
}

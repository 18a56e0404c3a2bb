using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LocalDev.IdentityProvider.Users;

/// <summary>
/// What the hosted UI does with users, with Cognito's rules and messages: sign-up with a mailed 6-digit code,
/// confirmation, resend, sign-in, forgot password, groups.
/// </summary>
public sealed class UserPool(UserStore store, CodeMailer mailer, IOptions<ProviderOptions> options, TimeProvider clock)
{
    private static readonly PasswordHasher<LocalUser> Hasher = new();

    public LocalUser? FindBySub(string sub) => store.FindBySub(sub);

    public async Task<PoolResult> SignUpAsync(string email, string password, CancellationToken cancellationToken)
    {
        email = email.Trim();
        if (!new EmailAddressAttribute().IsValid(email))
        {
            return PoolError.InvalidEmail;
        }
        if (PasswordPolicy.Violation(password) is { } violation)
        {
            return PoolError.InvalidPassword(violation);
        }
        var code = NewCode(CodePurpose.ConfirmSignUp);
        var user = new LocalUser(Guid.NewGuid().ToString(), email, PasswordHash: "", Confirmed: false, [], code);
        user = user with { PasswordHash = Hasher.HashPassword(user, password) };
        if (!store.TryAdd(user))
        {
            return PoolError.UserExists;
        }
        await mailer.SendCodeAsync(email, "Your verification code", $"Your confirmation code is {code.Value}", cancellationToken);
        return PoolResult.Ok(user);
    }

    public async Task<PoolResult> ResendConfirmationCodeAsync(string email, CancellationToken cancellationToken)
    {
        if (store.FindByEmail(email) is not { } user)
        {
            return PoolError.UserNotFound;
        }
        if (user.Confirmed)
        {
            return PoolError.AlreadyConfirmed;
        }
        var code = NewCode(CodePurpose.ConfirmSignUp);
        store.Update(email, u => u with { Code = code });
        await mailer.SendCodeAsync(user.Email, "Your verification code", $"Your confirmation code is {code.Value}", cancellationToken);
        return PoolResult.Ok(user);
    }

    public PoolResult ConfirmSignUp(string email, string code)
    {
        if (store.FindByEmail(email) is not { } user)
        {
            return PoolError.UserNotFound;
        }
        if (user.Confirmed)
        {
            return PoolError.AlreadyConfirmed;
        }
        if (CheckCode(user, CodePurpose.ConfirmSignUp, code) is { } error)
        {
            return error;
        }
        return PoolResult.Ok(store.Update(email, u => u with { Confirmed = true, Code = null })!);
    }

    public PoolResult SignIn(string email, string password)
    {
        if (store.FindByEmail(email.Trim()) is not { } user)
        {
            return PoolError.UserNotFound;
        }
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return PoolError.WrongPassword;
        }
        // Cognito checks the password first, so an unconfirmed user learns it only with the right one.
        return user.Confirmed ? PoolResult.Ok(user) : PoolError.NotConfirmed;
    }

    public async Task<PoolResult> ForgotPasswordAsync(string email, CancellationToken cancellationToken)
    {
        if (store.FindByEmail(email.Trim()) is not { } user)
        {
            return PoolError.UserNotFound;
        }
        var code = NewCode(CodePurpose.ResetPassword);
        store.Update(user.Email, u => u with { Code = code });
        await mailer.SendCodeAsync(user.Email, "Your password reset code", $"Your password reset code is {code.Value}", cancellationToken);
        return PoolResult.Ok(user);
    }

    public PoolResult ConfirmForgotPassword(string email, string code, string newPassword)
    {
        if (store.FindByEmail(email) is not { } user)
        {
            return PoolError.UserNotFound;
        }
        if (CheckCode(user, CodePurpose.ResetPassword, code) is { } error)
        {
            return error;
        }
        if (PasswordPolicy.Violation(newPassword) is { } violation)
        {
            return PoolError.InvalidPassword(violation);
        }
        // Receiving the code proves the address, so a reset also confirms an unconfirmed user (as Cognito does).
        return PoolResult.Ok(store.Update(email, u => u with
        {
            PasswordHash = Hasher.HashPassword(u, newPassword),
            Confirmed = true,
            Code = null,
        })!);
    }

    private PoolError? CheckCode(LocalUser user, CodePurpose purpose, string code)
    {
        if (user.Code is not { } pending || pending.Purpose != purpose ||
            !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(pending.Value), System.Text.Encoding.ASCII.GetBytes(code.Trim())))
        {
            return PoolError.CodeMismatch;
        }
        return clock.GetUtcNow() >= pending.ExpiresAt ? PoolError.CodeExpired : null;
    }

    private PendingCode NewCode(CodePurpose purpose)
    {
        var lifetime = purpose == CodePurpose.ConfirmSignUp ? options.Value.ConfirmationCodeLifetime : options.Value.PasswordResetCodeLifetime;
        var value = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return new PendingCode(purpose, value, clock.GetUtcNow() + lifetime);
    }
}

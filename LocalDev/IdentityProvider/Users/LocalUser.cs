namespace LocalDev.IdentityProvider.Users;

/// <summary>A user of the local pool. <paramref name="Sub"/> never changes; the email is the sign-in name.</summary>
public sealed record LocalUser(
    string Sub, string Email, string PasswordHash, bool Confirmed, IReadOnlyList<string> Groups, PendingCode? Code);

public enum CodePurpose
{
    ConfirmSignUp,
    ResetPassword,
}

/// <summary>The one code a user may hold at a time; a new one (resend) replaces it.</summary>
public sealed record PendingCode(CodePurpose Purpose, string Value, DateTimeOffset ExpiresAt);

/// <summary>Why an operation was refused, named after the Cognito exception it stands for.</summary>
public sealed record PoolError(string Type, string Message)
{
    public static readonly PoolError UserNotFound = new("UserNotFoundException", "User does not exist.");
    public static readonly PoolError WrongPassword = new("NotAuthorizedException", "Incorrect username or password.");
    public static readonly PoolError NotConfirmed = new("UserNotConfirmedException", "User is not confirmed.");
    public static readonly PoolError AlreadyConfirmed = new("NotAuthorizedException", "User is already confirmed.");
    public static readonly PoolError UserExists = new("UsernameExistsException", "An account with the given email already exists.");
    public static readonly PoolError CodeMismatch = new("CodeMismatchException", "Invalid verification code provided, please try again.");
    public static readonly PoolError CodeExpired = new("ExpiredCodeException", "Invalid code provided, please request a code again.");
    public static readonly PoolError InvalidEmail = new("InvalidParameterException", "Invalid email address format.");

    public static PoolError InvalidPassword(string reason) => new("InvalidPasswordException", $"Password does not conform to policy: {reason}");
}

/// <summary>What a pool operation came to: the user, or the error a hosted-UI page shows.</summary>
public sealed record PoolResult(LocalUser? User, PoolError? Error)
{
    public bool Succeeded => Error is null;

    public static PoolResult Ok(LocalUser user) => new(user, null);

    public static implicit operator PoolResult(PoolError error) => new(null, error);
}

namespace LocalDev.IdentityProvider.Users;

/// <summary>Cognito's default password policy: 8+ characters with an upper- and a lower-case letter, a digit and a symbol.</summary>
public static class PasswordPolicy
{
    // Cognito's list of special characters (a space counts too, but not at either end).
    private const string Symbols = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    public static string? Violation(string? password) => password switch
    {
        null or { Length: < 8 } => "Password not long enough",
        _ when !password.Any(char.IsAsciiLetterUpper) => "Password must have uppercase characters",
        _ when !password.Any(char.IsAsciiLetterLower) => "Password must have lowercase characters",
        _ when !password.Any(char.IsAsciiDigit) => "Password must have numeric characters",
        _ when !password.Trim().Any(Symbols.Contains) => "Password must have symbol characters",
        _ => null,
    };
}

using System.Text.Json;

namespace LocalDev.IdentityProvider.Users;

/// <summary>
/// The users, as one JSON file in the data directory. Every call reads the file afresh, so a user edited by hand or
/// made an admin by the <c>make-admin</c> command while the provider runs is seen at once and never overwritten.
/// </summary>
public sealed class UserStore(string dataDirectory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();

    public string FilePath { get; } = Path.Combine(dataDirectory, "users.json");

    public LocalUser? FindByEmail(string email)
    {
        lock (_lock)
        {
            return Read().FirstOrDefault(u => SameEmail(u.Email, email));
        }
    }

    public LocalUser? FindBySub(string sub)
    {
        lock (_lock)
        {
            return Read().FirstOrDefault(u => u.Sub == sub);
        }
    }

    /// <summary>Adds the user unless one with that email exists; false then.</summary>
    public bool TryAdd(LocalUser user)
    {
        lock (_lock)
        {
            var users = Read();
            if (users.Any(u => SameEmail(u.Email, user.Email)))
            {
                return false;
            }
            users.Add(user);
            Write(users);
            return true;
        }
    }

    /// <summary>Replaces the user with that email by <paramref name="change"/>'s result; null if there is none.</summary>
    public LocalUser? Update(string email, Func<LocalUser, LocalUser> change)
    {
        lock (_lock)
        {
            var users = Read();
            var index = users.FindIndex(u => SameEmail(u.Email, email));
            if (index < 0)
            {
                return null;
            }
            users[index] = change(users[index]);
            Write(users);
            return users[index];
        }
    }

    /// <summary>Adds the user to a group (Cognito's AdminAddUserToGroup); null if there is no such user.</summary>
    public LocalUser? AddToGroup(string email, string group) =>
        Update(email, u => u.Groups.Contains(group) ? u : u with { Groups = [.. u.Groups, group] });

    // Cognito treats email sign-in names case-insensitively.
    private static bool SameEmail(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private List<LocalUser> Read() =>
        File.Exists(FilePath) ? JsonSerializer.Deserialize<List<LocalUser>>(File.ReadAllText(FilePath), Json) ?? [] : [];

    private void Write(List<LocalUser> users)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // Write then rename, so a crash never leaves half a file.
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(users, Json));
        File.Move(temporary, FilePath, overwrite: true);
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Storefront.Site;

/// <summary>
/// URLs of files under <c>static/</c> with a version taken from the file's content (<c>/static/css/site.css?v=…</c>),
/// so CloudFront and browsers may keep a file for a year: a changed file gets a new URL.
/// </summary>
/// <param name="files">The static files: the repository's <c>static/</c> locally, the copy in the Lambda package in AWS.</param>
/// <param name="watch">Recompute when a file changes (local development); a deployed package never changes.</param>
public sealed class StaticAssets(IFileProvider files, string baseUrl, bool watch)
{
    public const string VersionParameter = "v";

    private readonly ConcurrentDictionary<string, (string Url, IChangeToken Changed)> _urls = new(StringComparer.Ordinal);

    public IFileProvider Files => files;

    /// <summary>The URL of <paramref name="relativePath"/>; without a version if the file is missing here.</summary>
    public string Url(string relativePath)
    {
        var path = relativePath.TrimStart('/');
        if (_urls.TryGetValue(path, out var known) && !known.Changed.HasChanged)
        {
            return known.Url;
        }
        var changed = watch ? files.Watch(path) : NullChangeToken.Singleton;
        var url = $"{baseUrl.TrimEnd('/')}/{path}";
        var file = files.GetFileInfo(path);
        if (file.Exists && !file.IsDirectory)
        {
            using var content = file.CreateReadStream();
            url += $"?{VersionParameter}={Convert.ToHexStringLower(SHA256.HashData(content))[..12]}";
        }
        _urls[path] = (url, changed);
        return url;
    }
}

using Microsoft.Extensions.FileProviders;
using Storefront.Site;

namespace Storefront.Tests;

public sealed class StaticAssetsTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("static-assets-");

    private StaticAssets Assets(bool watch = false) => new(new PhysicalFileProvider(_root.FullName), "/static", watch);

    [Fact]
    public void A_file_url_carries_a_version_taken_from_its_content()
    {
        File.WriteAllText(Path.Combine(_root.FullName, "site.css"), "body { color: red }");
        File.WriteAllText(Path.Combine(_root.FullName, "same.css"), "body { color: red }");

        var url = Assets().Url("site.css");

        Assert.Matches(@"^/static/site\.css\?v=[0-9a-f]{12}$", url);
        Assert.Equal(url.Split('?')[1], Assets().Url("/same.css").Split('?')[1]);
    }

    [Fact]
    public void Changed_content_gets_a_new_version()
    {
        var path = Path.Combine(_root.FullName, "site.css");
        File.WriteAllText(path, "body { color: red }");
        var before = Assets().Url("site.css");

        File.WriteAllText(path, "body { color: blue }");

        Assert.NotEqual(before, Assets().Url("site.css"));
    }

    [Fact]
    public void A_missing_file_gets_its_plain_url() =>
        Assert.Equal("/static/images/none.svg", Assets().Url("images/none.svg"));

    public void Dispose() => _root.Delete(recursive: true);
}

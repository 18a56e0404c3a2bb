using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Storefront.Account;

namespace Storefront.Tests;

/// <summary>This instance's copies of sessions for public pages (<see cref="SessionCopies"/>).</summary>
public sealed class SessionCopiesTests
{
    private const string Key = "shopper/0123456789abcdef";

    private static readonly byte[] Ticket = TicketSerializer.Default.Serialize(
        new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("email", "ada@example.com")], "test")), "Cookies"));

    [Fact]
    public void A_copy_kept_by_a_read_that_finished_after_its_session_ended_here_is_never_used()
    {
        using var copies = new SessionCopies(Options.Create(new AuthOptions { PublicPageSessionReuse = TimeSpan.FromMinutes(1) }), new ShopClock());
        copies.Keep(Key, Ticket);
        var before = copies.Fresh(Key);

        copies.Drop(Key); // signed out here, while another request's strong read of the session was still on its way
        copies.Keep(Key, Ticket); // that read's answer, from before the sign-out

        Assert.NotNull(before);
        Assert.Null(copies.Fresh(Key));
    }
}

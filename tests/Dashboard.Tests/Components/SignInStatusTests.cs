using Bunit;
using Kpi.Dashboard.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Dashboard.Tests.Components;

/// <summary>The header's sign-in area: nothing without a provider, "Sign in" for anonymous users, name and "Sign out" once signed in.</summary>
public sealed class SignInStatusTests
{
    [Fact]
    public async Task Without_a_provider_there_is_nothing_to_sign_in_to()
    {
        await using var context = DashboardContext.Create();

        var status = context.Render<SignInStatus>();

        Assert.Empty(status.FindAll("[data-testid]"));
    }

    [Fact]
    public async Task An_anonymous_user_gets_a_sign_in_link_back_to_the_same_view()
    {
        await using var context = DashboardContext.Create(auth: Provider);
        context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/?category=Books");

        var status = context.Render<SignInStatus>();

        var link = status.Find("[data-testid=sign-in]");
        Assert.Equal("auth/sign-in?returnUrl=%2F%3Fcategory%3DBooks", link.GetAttribute("href"));
        Assert.Equal("_top", link.GetAttribute("target"));
        Assert.Empty(status.FindAll("[data-testid=sign-out]"));
    }

    [Fact]
    public async Task A_signed_in_user_sees_their_name_and_a_sign_out_form()
    {
        await using var context = DashboardContext.Create(auth: Provider, signedInAs: "Olivia Operator");

        var status = context.Render<SignInStatus>();

        Assert.Equal("Olivia Operator", status.Find("[data-testid=user-name]").TextContent);
        var form = status.Find("form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("auth/sign-out", form.GetAttribute("action"));
        Assert.NotNull(status.Find("[data-testid=sign-out]"));
        Assert.Empty(status.FindAll("[data-testid=sign-in]"));
    }

    private static AuthOptions Provider => new() { Authority = "https://login.example.com", ClientId = "kpi", ClientSecret = "secret" };
}

using Kpi.TestSupport;
using Microsoft.Playwright;

namespace Kpi.Dashboard.BrowserTests;

/// <summary>
/// The dashboard with a real OpenID provider, in Chromium: operators see "Run now", viewers and anonymous visitors
/// do not, sign-in and sign-out go through the provider, and the page breaks no rule of its Content-Security-Policy.
/// </summary>
public sealed class SignInTests(SignInDashboard dashboard) : IClassFixture<SignInDashboard>
{
    [Fact]
    public async Task An_operator_signs_in_sees_run_now_and_signs_out()
    {
        await using var context = await dashboard.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunAsync(page, "operator", async () =>
        {
            await SignInAsync(page, OidcProvider.Operator);

            Assert.Equal("Olivia Operator", (await page.Locator("[data-testid=user-name]").InnerTextAsync()).Trim());
            var runNow = page.Locator("[data-testid=run-now]");
            Assert.True(await runNow.IsVisibleAsync());
            Assert.True(await runNow.IsEnabledAsync());
            await Screenshots.TakeAsync(page, "signed-in-operator");

            await page.Locator("[data-testid=sign-out]").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
            await WaitForDashboardAsync(page);
            await page.Locator("[data-testid=sign-in]").WaitForAsync();
            Assert.Equal(0, await page.Locator("[data-testid=run-now]").CountAsync());
        });
    }

    [Fact]
    public async Task A_viewer_signs_in_and_sees_no_run_now()
    {
        await using var context = await dashboard.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunAsync(page, "viewer", async () =>
        {
            await SignInAsync(page, OidcProvider.Viewer);

            Assert.Equal("Victor Viewer", (await page.Locator("[data-testid=user-name]").InnerTextAsync()).Trim());
            Assert.Equal(0, await page.Locator("[data-testid=run-now]").CountAsync());
        });
    }

    [Fact]
    public async Task An_anonymous_visitor_sees_the_dashboard_and_sign_in_but_no_run_now()
    {
        await using var context = await dashboard.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await RunAsync(page, "anonymous", async () =>
        {
            await page.GotoAsync(dashboard.Address.ToString());
            await WaitForDashboardAsync(page);

            Assert.True(await page.Locator("[data-testid=sign-in]").IsVisibleAsync());
            Assert.Equal(0, await page.Locator("[data-testid=run-now]").CountAsync());
            Assert.Equal(4, await page.Locator("[data-card]").CountAsync());
        });
    }

    [Fact]
    public async Task The_page_has_no_content_security_policy_violations()
    {
        await using var context = await dashboard.Browser.NewContextAsync();
        var violations = new List<string>();
        var origin = dashboard.Address.GetLeftPart(UriPartial.Authority);
        // Runs before the page's own scripts and, injected by the browser's debugger, outside the page's policy.
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
              console.error(`CSP violation on ${location.origin}: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
            """);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (page.Url.StartsWith(origin, StringComparison.Ordinal)
                && (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("CSP violation", StringComparison.Ordinal)))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };

        await RunAsync(page, "csp", async () =>
        {
            await page.GotoAsync(dashboard.Address.ToString());
            await WaitForDashboardAsync(page);
            await page.Locator("[data-panel] svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await SignInAsync(page, OidcProvider.Operator);
            await page.Locator("[data-panel] svg path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.Locator("[data-filter=category]").ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await Task.Delay(1000);

            Assert.Empty(violations);
        });
    }

    private async Task SignInAsync(IPage page, string account)
    {
        if (!page.Url.StartsWith(dashboard.Address.ToString(), StringComparison.Ordinal))
        {
            await page.GotoAsync(dashboard.Address.ToString());
        }

        await WaitForDashboardAsync(page);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        // The provider's development login form: any password, the login name picks the account.
        await page.Locator("input[name=login]").FillAsync(account);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.Locator("button[type=submit]").ClickAsync();
        await WaitForDashboardAsync(page);
        await page.Locator("[data-testid=user-name]").WaitForAsync();
    }

    private async Task WaitForDashboardAsync(IPage page)
    {
        await page.WaitForURLAsync(url => url.StartsWith(dashboard.Address.ToString(), StringComparison.Ordinal) && !url.Contains("signin-oidc", StringComparison.Ordinal));
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }

    private async Task RunAsync(IPage page, string name, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch
        {
            await Screenshots.TakeAsync(page, $"sign-in-failure-{name}");
            TestContext.Current.AddAttachment("dashboard-output", dashboard.Output);
            throw;
        }
    }
}

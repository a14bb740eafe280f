using System.Security.Cryptography;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Dashboard.Extensions;
using Kpi.Shared.Storage;
using Kpi.TestSupport;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kpi.Dashboard.Tests.DataProtection;

/// <summary>Two dashboards with the real wiring share one key ring in DynamoDB Local: what one protects, the other reads.</summary>
public sealed class SharedKeyRingTests(DynamoDbLocal dynamo)
{
    private const string Purpose = "cookie round trip";

    [Fact]
    public async Task A_payload_protected_by_one_dashboard_is_read_by_another_sharing_the_table()
    {
        var table = await NewTableAsync();
        await using var first = Dashboard(table);
        await using var second = Dashboard(table);

        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("signed-in user 42");

        Assert.Equal("signed-in user 42", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));
        using var client = dynamo.CreateClient();
        var items = (await client.ScanAsync(table, [DataProtectionAttributes.FriendlyName], TestContext.Current.CancellationToken)).Items;
        var key = Assert.Single(items);
        Assert.StartsWith("key-", key[DataProtectionAttributes.FriendlyName].S, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_the_antiforgery_cookie_of_one_dashboard_is_accepted_by_another_sharing_the_table()
    {
        var table = await NewTableAsync();
        await using var first = Dashboard(table);
        await using var second = Dashboard(table);
        await using var stranger = Dashboard(await NewTableAsync());

        // The page comes from one task: its antiforgery cookie and the form's hidden field.
        var tokens = first.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = first.Services });

        // The form is posted to another task behind the load balancer.
        Assert.True(await second.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(FormPost(second, tokens)));
        Assert.False(await stranger.Services.GetRequiredService<IAntiforgery>().IsRequestValidAsync(FormPost(stranger, tokens)));
    }

    [Fact]
    public async Task A_dashboard_with_another_key_ring_cannot_read_the_payload()
    {
        await using var first = Dashboard(await NewTableAsync());
        await using var stranger = Dashboard(await NewTableAsync());

        var payload = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("signed-in user 42");

        Assert.ThrowsAny<CryptographicException>(() => stranger.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(payload));
    }

    [Fact]
    public async Task The_dashboard_creates_a_missing_table_only_when_told_to()
    {
        var table = $"dp_{Guid.NewGuid():N}"[..20];
        await using var creating = Dashboard(table, createTable: true);

        creating.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("x");

        using var client = dynamo.CreateClient();
        Assert.Single((await client.ScanAsync(table, [DataProtectionAttributes.FriendlyName], TestContext.Current.CancellationToken)).Items);
        await using var notCreating = Dashboard($"dp_{Guid.NewGuid():N}"[..20]);
        var error = Assert.Throws<CryptographicException>(() => notCreating.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("x"));
        Assert.IsType<ResourceNotFoundException>(error.InnerException);
    }

    private static DefaultHttpContext FormPost(WebApplication dashboard, AntiforgeryTokenSet tokens)
    {
        var post = new DefaultHttpContext { RequestServices = dashboard.Services };
        post.Request.Method = "POST";
        var cookie = dashboard.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        post.Request.Headers.Cookie = $"{cookie}={tokens.CookieToken}";
        post.Request.ContentType = "application/x-www-form-urlencoded";
        post.Request.Form = new FormCollection(new() { [tokens.FormFieldName] = tokens.RequestToken });
        return post;
    }

    private async Task<string> NewTableAsync()
    {
        var table = $"dp_{Guid.NewGuid():N}"[..20];
        using var client = dynamo.CreateClient();
        await TableSchemas.EnsureAsync(client, [TableSchemas.DataProtection(table)], TestContext.Current.CancellationToken);
        return table;
    }

    /// <summary>A dashboard host with the production wiring, its DynamoDB client pointed at DynamoDB Local.</summary>
    private WebApplication Dashboard(string table, bool createTable = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DataProtectionAttributes.TableVariable] = table,
            ["KPI_DATAPROTECTION_CREATE_TABLE"] = createTable ? "true" : null,
        });
        builder.AddDashboardServices();
        builder.Services.AddSingleton<IAmazonDynamoDB>(_ => dynamo.CreateClient());
        return builder.Build();
    }
}

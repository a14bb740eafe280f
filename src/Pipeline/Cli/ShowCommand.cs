using System.CommandLine;
using System.Globalization;
using Amazon.DynamoDBv2;
using Kpi.Pipeline.Hosting;
using Kpi.Shared;
using Kpi.Shared.Runs;
using Kpi.Shared.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kpi.Pipeline.Cli;

/// <summary><c>show</c>: prints the KPI tables as they are in DynamoDB, and where they are.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var flags = new SettingFlags().AddTables();
        var command = new Command("show", "Print the KPI tables stored in DynamoDB.");
        flags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = PipelineHost.Build(flags.Read(parse), services => services.AddTableOptions());
            if (await PipelineHost.StartAsync(host, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            try
            {
                var tables = host.Services.GetRequiredService<IOptions<KpiTableOptions>>().Value;
                return await ShowAsync(host.Services.GetRequiredService<IAmazonDynamoDB>(), tables, cancellationToken);
            }
            catch (Exception ex) when (ex is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync(TerminalText.Printable($"Cannot read the KPI tables: {ex.Message}"));
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<int> ShowAsync(IAmazonDynamoDB dynamo, KpiTableOptions names, CancellationToken cancellationToken)
    {
        var store = new DynamoKpiStore(dynamo, names);
        var unreadable = new List<UnreadableItem>();
        var category = (await store.ReadCategoryKpisAsync(unreadable.Add, cancellationToken)).OrderBy(k => k.Category).ThenBy(k => k.OrderDate).ToList();
        var orders = (await store.ReadOrderKpisAsync(unreadable.Add, cancellationToken)).OrderBy(k => k.OrderDate).ToList();
        var latest = await new DynamoRunStore(dynamo, names).GetLatestSucceededAsync(cancellationToken);
        var where = dynamo.Config.ServiceURL is { Length: > 0 } endpoint ? endpoint : $"AWS region {dynamo.Config.RegionEndpoint?.SystemName}";

        var console = Console.Out;

        // Categories and run ids come from the input: shown, never obeyed by the terminal.
        Task WriteLine(string line = "") => console.WriteLineAsync(TerminalText.Printable(line));
        await WriteLine($"{names.CategoryTable} ({category.Count} items) at {where}");
        await WriteLine($"{"category",-16} {"order_date",-10} {"daily_revenue",14} {"avg_order_value",15} {"avg_return_rate",15}");
        foreach (var k in category)
        {
            await WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k.Category,-16} {KpiItems.FormatDate(k.OrderDate),-10} {k.DailyRevenue,14:F2} {k.AvgOrderValue,15:F4} {k.AvgReturnRate,15:F4}"));
        }

        await WriteLine();
        await WriteLine($"{names.OrderTable} ({orders.Count} items) at {where}");
        await WriteLine($"{"order_date",-10} {"total_orders",12} {"total_revenue",14} {"total_items_sold",16} {"return_rate",11} {"unique_customers",16}");
        foreach (var k in orders)
        {
            await WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{KpiItems.FormatDate(k.OrderDate),-10} {k.TotalOrders,12} {k.TotalRevenue,14:F2} {k.TotalItemsSold,16} {k.ReturnRate,11:F4} {k.UniqueCustomers,16}"));
        }

        foreach (var item in unreadable)
        {
            await WriteLine($"Left out an item of {item.Table} that holds no KPI row ({item.Key}): {item.Reason}");
        }

        await WriteLine();
        await WriteLine(latest is null
            ? $"No successful run in {names.RunsTable} yet."
            : $"Last successful run {latest.RunId} finished {latest.FinishedAt:u} ({names.RunsTable}).");
        return ExitCodes.Success;
    }
}

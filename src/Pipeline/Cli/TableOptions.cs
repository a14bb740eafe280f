using System.CommandLine;
using Kpi.Shared.Storage;

namespace Kpi.Pipeline.Cli;

/// <summary>The three table-name options shared by the commands that touch DynamoDB.</summary>
internal sealed class TableOptions
{
    public Option<string> Category { get; } = EnvOption.Text(
        "--category-table", KpiTableOptions.CategoryTableVariable, "DynamoDB table of category KPIs.", KpiTableOptions.DefaultCategoryTable);

    public Option<string> Order { get; } = EnvOption.Text(
        "--order-table", KpiTableOptions.OrderTableVariable, "DynamoDB table of order KPIs.", KpiTableOptions.DefaultOrderTable);

    public Option<string> Runs { get; } = EnvOption.Text(
        "--runs-table", KpiTableOptions.RunsTableVariable, "DynamoDB table of run records.", KpiTableOptions.DefaultRunsTable);

    public void AddTo(Command command)
    {
        command.Options.Add(Category);
        command.Options.Add(Order);
        command.Options.Add(Runs);
    }

    public KpiTableOptions Read(ParseResult parse) => new()
    {
        CategoryTable = parse.GetValue(Category)!,
        OrderTable = parse.GetValue(Order)!,
        RunsTable = parse.GetValue(Runs)!,
    };
}

using System.CommandLine;
using Kpi.Shared.Storage;

namespace Kpi.Pipeline.Cli;

/// <summary>
/// Flags that stand for a setting's environment variable: the host reads the variables, and a flag given on
/// the command line replaces its variable's value.
/// </summary>
internal sealed class SettingFlags
{
    private readonly List<(Option<string> Option, string Variable)> _flags = [];

    public Option<string> Add(string name, string variable, string description)
    {
        var option = new Option<string>(name) { Description = $"{description} [{variable}]" };
        _flags.Add((option, variable));
        return option;
    }

    /// <summary>The three table names, shared by the commands that touch DynamoDB.</summary>
    public SettingFlags AddTables()
    {
        Add("--category-table", KpiTableOptions.CategoryTableVariable, $"DynamoDB table of category KPIs (default {KpiTableOptions.DefaultCategoryTable}).");
        Add("--order-table", KpiTableOptions.OrderTableVariable, $"DynamoDB table of order KPIs (default {KpiTableOptions.DefaultOrderTable}).");
        Add("--runs-table", KpiTableOptions.RunsTableVariable, $"DynamoDB table of run records (default {KpiTableOptions.DefaultRunsTable}).");
        return this;
    }

    public void AddTo(Command command)
    {
        foreach (var (option, _) in _flags)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings given as flags, keyed by their variable.</summary>
    public Dictionary<string, string?> Read(ParseResult parse) =>
        _flags.Where(flag => parse.GetResult(flag.Option) is { Implicit: false })
            .ToDictionary(flag => flag.Variable, flag => parse.GetValue(flag.Option));
}

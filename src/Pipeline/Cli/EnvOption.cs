using System.CommandLine;

namespace Kpi.Pipeline.Cli;

/// <summary>Options that fall back to an environment variable; a flag on the command line wins.</summary>
internal static class EnvOption
{
    public static Option<string> Text(string name, string variable, string description, string? fallback = null) => new(name)
    {
        Description = $"{description} [{variable}]",
        DefaultValueFactory = _ => Read(variable) ?? fallback ?? "",
    };

    public static string? Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value.Trim() : null;
}

using System.ComponentModel.DataAnnotations;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// A list setting bound from NAME__0..NAME__n: between <paramref name="min"/> and <paramref name="max"/> entries,
/// none empty. The message names the variable to set or fix (e.g. "Launcher__Ecs__Subnets__0 is required").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingListAttribute(int min, int max) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var name = validationContext.DisplayName;
        var items = value as string[] ?? [];
        var members = validationContext.MemberName is { } member ? new[] { member } : null;
        if (items.Length < min)
        {
            return new ValidationResult($"{name}__{items.Length} is required: at least {min} expected", members);
        }

        if (items.Length > max)
        {
            return new ValidationResult($"{name} has {items.Length} entries; ECS accepts at most {max}", members);
        }

        var empty = Array.FindIndex(items, string.IsNullOrWhiteSpace);
        return empty < 0 ? ValidationResult.Success : new ValidationResult($"{name}__{empty} must not be empty", members);
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kpi.Pipeline.Engine;

/// <summary>The names of the registered engines, for settings validation and help.</summary>
internal sealed class EngineCatalog(IEnumerable<string> names)
{
    public IReadOnlyList<string> Names { get; } = [.. names];
}

internal static class EngineRegistration
{
    /// <summary>Registers an engine under its name (the value of <c>--engine</c>).</summary>
    public static IServiceCollection AddKpiEngine<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TEngine>(this IServiceCollection services, string name)
        where TEngine : class, IKpiEngine
    {
        services.AddKeyedSingleton<IKpiEngine, TEngine>(name);
        services.AddSingleton(new EngineName(name));
        services.TryAddSingleton(provider => new EngineCatalog(provider.GetServices<EngineName>().Select(engine => engine.Name)));
        return services;
    }

    private sealed record EngineName(string Name);
}

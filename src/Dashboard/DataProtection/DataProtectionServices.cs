using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Kpi.Dashboard.DataProtection;

internal static class DataProtectionServices
{
    /// <summary>
    /// One key ring for every dashboard task, in DynamoDB. The keys are not encrypted by the app: the table is
    /// encrypted at rest by DynamoDB (a KMS key in AWS) and only the dashboard's role may read it.
    /// </summary>
    public static IServiceCollection AddDashboardDataProtection(this IServiceCollection services)
    {
        services.AddOptions<DataProtectionTableOptions>()
            .Configure<IConfiguration>((options, configuration) => options.Bind(name => configuration[name]))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DynamoDbXmlRepository>();
        services.AddDataProtection().SetApplicationName("kpi-dashboard");
        services.AddOptions<KeyManagementOptions>()
            .Configure<DynamoDbXmlRepository>((options, repository) => options.XmlRepository = repository);
        return services;
    }
}

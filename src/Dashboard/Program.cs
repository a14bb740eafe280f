using Kpi.Dashboard.Extensions;
using Kpi.Dashboard.Health;

if (args.Contains(HealthProbe.Argument))
{
    return await HealthProbe.RunAsync();
}

return await StartUpErrors.ReportSettingsAsync(async () =>
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddDashboardServices();

    var app = builder.Build();
    app.ValidateSettings();
    app.UseDashboard();
    await app.RunAsync();
});

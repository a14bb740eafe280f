using Kpi.Dashboard.Extensions;
using Kpi.Dashboard.Health;

if (args.Contains(HealthProbe.Argument))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDashboardServices();

var app = builder.Build();
app.UseDashboard();
app.Run();
return 0;

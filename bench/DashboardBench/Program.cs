using System.CommandLine;
using Kpi.DashboardBench;

var dynamodb = new Option<Uri>("--dynamodb")
{
    Description = "DynamoDB Local's endpoint.",
    Required = true,
    CustomParser = result => new Uri(result.Tokens[0].Value, UriKind.Absolute),
};
var runs = new Option<int>("--runs") { Description = "Fresh dashboard processes per data set.", DefaultValueFactory = _ => 3 };
var warm = new Option<int>("--warm") { Description = "Timed warm GET / per process.", DefaultValueFactory = _ => 15 };
var artifacts = new Option<DirectoryInfo?>("--artifacts") { Description = "Folder for the last page's HTML of each data set." };
var dashboard = new Option<FileInfo?>("--dashboard") { Description = "The dashboard to run (Kpi.Dashboard.dll); default the Release build." };
var circuits = new Option<int>("--circuits") { Description = "Pages opened after the first, for memory per circuit.", DefaultValueFactory = _ => 10 };

var root = new RootCommand("The dashboard benchmark: render time, HTML size and circuit memory at two data sizes, cold and warm.")
{
    dynamodb, runs, warm, circuits, artifacts, dashboard,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new BenchSettings(parse.GetValue(dynamodb)!, parse.GetValue(runs), parse.GetValue(warm), parse.GetValue(circuits), parse.GetValue(artifacts)?.FullName, parse.GetValue(dashboard)?.FullName);
    await Console.Out.WriteAsync(await DashboardBenchmark.RunAsync(settings, [DataSet.OneMonth, DataSet.ThreeYears], cancellationToken));
    return 0;
});
return await root.Parse(args).InvokeAsync();

using Kpi.Pipeline.Cli;

return await PipelineCli.InvokeAsync(args);

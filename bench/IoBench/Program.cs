using Kpi.IoBench;

// bench/s3.sh and bench/dynamodb.sh call these; AWS endpoints and keys come from the AWS_* environment variables.
return args switch
{
    ["upload", var folder, var bucket] => await S3Bench.UploadAsync(folder, bucket),
    ["stage", var source] => await S3Bench.StageAsync(source, null),
    ["stage", var source, var parallel] => await S3Bench.StageAsync(source, Number(parallel)),
    ["dynamodb", var mode, var items] => await DynamoBench.WriteAsync(mode, Number(items), null),
    ["dynamodb", var mode, var items, var inFlight] => await DynamoBench.WriteAsync(mode, Number(items), Number(inFlight)),
    ["dynamodb-client", var mode, var items] => await DynamoBench.ClientOnlyAsync(mode, Number(items)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kpi.IoBench upload FOLDER BUCKET | stage s3://BUCKET/PREFIX [PARALLEL] | dynamodb[-client] sequential|writer ITEMS [IN_FLIGHT]");
    return 2;
}

static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

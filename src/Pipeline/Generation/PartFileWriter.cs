using System.Globalization;
using CsvHelper;

namespace Kpi.Pipeline.Generation;

/// <summary>Writes rows into <c>&lt;folder&gt;/&lt;table&gt;_partN.csv</c>, starting a new part every N rows.</summary>
internal sealed class PartFileWriter(string folder, string table, string[] header, int rowsPerFile) : IAsyncDisposable
{
    private CsvWriter? _csv;
    private int _rowsInPart;

    public int Parts { get; private set; }

    public async Task WriteAsync(params string[] fields)
    {
        if (_csv is null || _rowsInPart == rowsPerFile)
        {
            await StartPartAsync();
        }

        foreach (var field in fields)
        {
            _csv!.WriteField(field);
        }

        await _csv!.NextRecordAsync();
        _rowsInPart++;
    }

    public async ValueTask DisposeAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync();
        }
    }

    private async Task StartPartAsync()
    {
        if (_csv is not null)
        {
            await _csv.DisposeAsync();
        }

        Parts++;
        var writer = new StreamWriter(Path.Combine(folder, $"{table}_part{Parts}.csv"));
        _csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var name in header)
        {
            _csv.WriteField(name);
        }

        await _csv.NextRecordAsync();
        _rowsInPart = 0;
    }
}

using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Sources;

/// <summary>The part files of every input table.</summary>
internal sealed record InputSet(IReadOnlyDictionary<InputTable, IReadOnlyList<InputFile>> Files)
{
    public int FileCount => Files.Values.Sum(files => files.Count);

    public long Bytes => Files.Values.Sum(files => files.Sum(file => file.Bytes));
}

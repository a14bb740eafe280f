using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Sources;

/// <summary>A local folder with <c>&lt;table&gt;/*.csv</c> or <c>&lt;table&gt;.csv</c> for each table; its files are already local.</summary>
internal sealed class LocalFolderSource(string folder) : IInputSource
{
    /// <summary>Part files: <c>.csv</c> in any case, on every OS (as the S3 source matches keys); not in subfolders, not hidden (a leading dot, filtered by name on every OS).</summary>
    private static readonly EnumerationOptions PartFiles = new() { MatchCasing = MatchCasing.CaseInsensitive, RecurseSubdirectories = false, IgnoreInaccessible = false };

    public Task<InputSet> DiscoverAsync(bool stageLocally, CancellationToken cancellationToken)
    {
        if (File.Exists(folder))
        {
            throw new InputException($"Source '{folder}' is a file: give the folder that holds orders/, order_items/ and products/ (or products.csv).");
        }

        if (!Directory.Exists(folder))
        {
            throw new InputException(folder.Contains(Undecoded)
                ? $"Source folder '{Shown(folder)}' does not exist ({UndecodedNote})."
                : $"Source folder '{folder}' does not exist.");
        }

        try
        {
            _ = Directory.EnumerateFileSystemEntries(folder).Any();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new InputException($"Source folder '{folder}' cannot be read: {ex.Message}", ex);
        }

        var files = InputTable.All.ToDictionary(table => table, table => (IReadOnlyList<InputFile>)FindFiles(table));
        return Task.FromResult(new InputSet(files));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private List<InputFile> FindFiles(InputTable table)
    {
        var tableFolder = Path.Combine(folder, table.Name);
        var singleFile = Path.Combine(folder, table.Name + ".csv");
        List<string> paths;
        try
        {
            paths = Directory.Exists(tableFolder)
                ? [.. Directory.EnumerateFiles(tableFolder, "*.csv", PartFiles).Where(path => !Path.GetFileName(path).StartsWith('.')).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new InputException($"Table {table.Name}: cannot read the folder {tableFolder}: {ex.Message}", ex);
        }

        if (File.Exists(singleFile))
        {
            paths.Add(singleFile);
        }

        if (paths.Count == 0)
        {
            throw new InputException(
                $"Table {table.Name} has no files: expected {Path.Combine(tableFolder, "*.csv")} or {singleFile}.");
        }

        return [.. paths.Select((path, index) => Readable(table, path, index > 0 && paths[index - 1] == path))];
    }

    /// <summary>The file, once it is known to be a regular file (or a link to one) that its name opens.</summary>
    private static InputFile Readable(InputTable table, string path, bool listedTwice)
    {
        // .NET reads a name that is not UTF-8 with U+FFFD for each sequence of bytes it cannot decode: that name opens nothing,
        // or another file whose name holds a real U+FFFD (then both are listed under it).
        if (path.Contains(Undecoded) && (listedTwice || !File.Exists(path)))
        {
            throw new InputException(
                $"Table {table.Name}: the name of a file in {Path.GetDirectoryName(path)} is not valid UTF-8: '{Shown(Path.GetFileName(path))}' ({UndecodedNote}).");
        }

        LocalFileType.Status? status;
        try
        {
            status = LocalFileType.Of(path);
        }
        catch (IOException ex)
        {
            throw new InputException($"Table {table.Name}: cannot read {path}: {ex.Message}", ex);
        }

        // Opening a named pipe would wait for a writer, for as long as none comes; sockets and devices hold no CSV.
        if (status is { IsRegular: false } other)
        {
            throw new InputException($"Table {table.Name}: {path} is {other.Description}, not a regular file: only regular files (or symbolic links to them) are read.");
        }

        // A symbolic link's size is its target's (FileInfo would give the link's own).
        return new InputFile(path, new Uri(Path.GetFullPath(path)), path, status?.Size ?? new FileInfo(path).Length);
    }

    private const char Undecoded = '\uFFFD';

    private const string UndecodedNote = @"\ufffd stands for bytes that are not valid UTF-8: rename it, names are read as UTF-8";

    /// <summary>A name with each undecodable sequence shown as <c>\ufffd</c>.</summary>
    private static string Shown(string name) => name.Replace(Undecoded.ToString(), @"\ufffd", StringComparison.Ordinal);
}

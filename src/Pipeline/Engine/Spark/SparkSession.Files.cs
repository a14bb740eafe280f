using System.Globalization;
using System.Text;
using Kpi.Pipeline.Contract;
using Kpi.Pipeline.Sources;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>How the part files are declared to Spark, and where each required column sits in each file.</summary>
internal sealed partial class SparkSession
{
    /// <summary>
    /// The options that give the input contract on Spark's CSV source: RFC 4180 doubled quotes need
    /// <c>escape '"'</c> (the default escape is a backslash), quoted line breaks need <c>multiLine</c>, and
    /// PERMISSIVE keeps short rows (their missing fields are NULL and rejected by the rules).
    /// </summary>
    private const string CsvOptions = "header 'true', escape '\"', multiLine 'true', mode 'PERMISSIVE'";

    private async Task DeclareRawAsync(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var union = new StringBuilder($"CREATE OR REPLACE TEMPORARY VIEW {Raw(table)} AS ");
        for (var fileId = 0; fileId < files.Count; fileId++)
        {
            var file = files[fileId];
            var layout = await ReadLayoutAsync(table, file, cancellationToken);

            // A declared schema binds by position, not by header name: c0..cN for the header's columns, plus one.
            var schema = string.Join(", ", Enumerable.Range(0, layout.ColumnCount + 1).Select(i => $"c{i} STRING"));
            await spark.ExecuteAsync(
                $"CREATE OR REPLACE TEMPORARY VIEW {FileView(table, fileId)} ({schema}) USING csv OPTIONS (path {Literal(SparkPath(file))}, {CsvOptions})",
                cancellationToken);

            if (fileId > 0)
            {
                union.Append(" UNION ALL ");
            }

            union.Append(CultureInfo.InvariantCulture, $"SELECT {fileId} AS file_id, monotonically_increasing_id() AS rec, {Sql.InputColumns(table, layout)}");

            var allColumns = Enumerable.Range(0, layout.ColumnCount + 1).Select(i => $"c{i}");
            union.Append(CultureInfo.InvariantCulture, $", c{layout.ColumnCount} AS extra_fields, {Sql.RecordLines(allColumns)} AS lines");
            union.Append(CultureInfo.InvariantCulture, $", {Unreadable(allColumns)} AS unreadable FROM {FileView(table, fileId)}");
        }

        await spark.ExecuteAsync(union.ToString(), cancellationToken);
    }

    private const string TooLong = "too_long";

    private const string NotUtf8 = "not_utf8";

    /// <summary>Why the run fails on a file that Spark read with replacement characters.</summary>
    internal const string NotUtf8Reason =
        "a byte sequence that is not UTF-8 (Spark reads it as the replacement character U+FFFD). This file is not utf-8 encoded.";

    /// <summary>
    /// Why a record fails the run, as the DuckDB engine's CSV reader fails it, or NULL. Spark's CSV source reads a
    /// record of any size (maxCharsPerColumn is unlimited by default), so the cap is the UTF-8 bytes of the
    /// record's fields (quotes and separators not counted); and it decodes bytes that are not UTF-8 as U+FFFD
    /// instead of failing, so a U+FFFD in a field is taken for invalid input (a file that holds U+FFFD itself
    /// is refused too). Both see the fields Spark keeps: the header's columns and one more.
    /// </summary>
    private static string Unreadable(IEnumerable<string> rawColumns)
    {
        var columns = rawColumns.Select(Identifier).ToList();
        var bytes = string.Join(" + ", columns.Select(column => $"COALESCE({Sql.Dialect.ByteLength(column)}, 0)"));
        var replaced = string.Join(" OR ", columns.Select(column => Sql.Dialect.Contains(column, Literal("\uFFFD"))));
        return string.Create(CultureInfo.InvariantCulture,
            $"CASE WHEN {bytes} > {InputRules.MaxRecordBytes} THEN {Literal(TooLong)} WHEN {replaced} THEN {Literal(NotUtf8)} END");
    }

    /// <summary>Fails the run naming the file and, when it is known, the line of the first record that cannot be read.</summary>
    private async Task FailOnFirstUnreadableAsync(InputTable table, IReadOnlyList<InputFile> files, CancellationToken cancellationToken)
    {
        var first = (await spark.QueryAsync(
            $"SELECT file_id, rec, unreadable FROM {Raw(table)} WHERE unreadable IS NOT NULL ORDER BY file_id, rec LIMIT 1",
            cancellationToken)).Rows[0];
        var (file, record) = ((int)Long(first[0]), RecordInFile(Long(first[1])));
        var line = FindLines(files, [(file, record)]).GetValueOrDefault((file, record)) is { } found
            ? string.Create(CultureInfo.InvariantCulture, $" line {found}")
            : "";
        var reason = (string)first[2]! == TooLong ? InputRules.RecordTooLongReason : NotUtf8Reason;
        throw new InputException($"Table {table.Name}: cannot parse {files[file].Name}{line}: {reason}");
    }

    /// <summary>
    /// The header of a file on this machine is read here; one only the cluster can read (S3) is asked of
    /// Spark as the first record of the file read without a header.
    /// </summary>
    private async Task<HeaderLayout> ReadLayoutAsync(InputTable table, InputFile file, CancellationToken cancellationToken)
    {
        if (file.LocalPath is not null)
        {
            return CsvHeaders.ReadLayout(table, file);
        }

        await spark.ExecuteAsync(
            $"CREATE OR REPLACE TEMPORARY VIEW header_probe USING csv OPTIONS (path {Literal(SparkPath(file))}, header 'false', escape '\"', multiLine 'true')",
            cancellationToken);
        var first = await spark.QueryAsync("SELECT * FROM header_probe LIMIT 1", cancellationToken);
        var header = first.Rows.Count == 0 ? [] : first.Rows[0].Select(value => (string?)value ?? "").ToArray();
        if (header.Length > 0)
        {
            // Spark may hand a UTF-8 byte order mark back as part of the first name.
            header[0] = header[0].TrimStart('\uFEFF');
        }

        return CsvHeaders.Layout(table, file, header);
    }

    /// <summary>
    /// s3:// becomes s3a:// (Hadoop's S3 connector); a local file is passed as its absolute path. Hadoop reads a
    /// path as a glob, so its glob characters are escaped to name exactly this file.
    /// </summary>
    internal static string SparkPath(InputFile file)
    {
        var path = file.Location.IsFile
            ? file.Location.LocalPath
            : file.Location.Scheme == "s3" ? "s3a" + file.Location.OriginalString[2..] : file.Location.OriginalString;
        return GlobCharacters().Replace(path, @"\$0");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\\*?\[\]{}]")]
    private static partial System.Text.RegularExpressions.Regex GlobCharacters();

    private static string FileView(InputTable table, int fileId) => string.Create(CultureInfo.InvariantCulture, $"raw_{table.Name}_{fileId}");
}

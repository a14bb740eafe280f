using System.Text;
using System.Text.RegularExpressions;
using Kpi.Pipeline.Contract;

namespace Kpi.Pipeline.Tests.Engine.Spark;

/// <summary>
/// Runs the Spark SQL the engine sends on DuckDB: string literals and identifiers are re-quoted, the CSV view
/// declaration becomes read_csv, and each Spark function the engine uses is a DuckDB macro (or a rewrite)
/// standing for its Spark semantics. A Spark name that is not listed here fails, as on a server without it.
/// </summary>
internal static partial class SparkSqlOnDuckDb
{
    /// <summary>The Spark built-ins the engine uses, as DuckDB macros.</summary>
    public static readonly string[] Macros =
    [
        // regexp_like(str, regexp): true when the Java regex matches anywhere in str (a find, not a full match).
        "CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)",

        // try_to_timestamp(str, fmt): the parsed timestamp, or NULL when str does not follow fmt or is no real
        // date/time (e.g. 2024-02-30, 25:00:00). Only the two patterns the engine uses are known here.
        "CREATE MACRO try_to_timestamp(s, fmt) AS CASE fmt " +
        "WHEN 'yyyy-MM-dd' THEN try_strptime(s, '%Y-%m-%d') " +
        "WHEN 'yyyy-MM-dd HH:mm:ss' THEN try_strptime(s, '%Y-%m-%d %H:%M:%S') END",

        // trim(str): Spark removes the space (U+0020) alone, where DuckDB's trim removes every Unicode space separator.
        "CREATE MACRO spark_trim(s) AS trim(s, ' ')",
    ];

    /// <summary>
    /// Spark rewrites with no macro form: monotonically_increasing_id() numbers a partition's rows in order
    /// from 0 (each part file is one partition here), which a window over the file's rows gives; octet_length(str)
    /// is the byte length of str in UTF-8, which DuckDB's strlen gives (its octet_length takes only blobs); trim(str)
    /// is the macro spark_trim (DuckDB's own trim removes more).
    /// </summary>
    private static readonly (Regex Pattern, string Replacement)[] Rewrites =
    [
        (MonotonicId(), "(row_number() OVER () - 1)"),
        (OctetLength(), "strlen("),
        (Trim(), "spark_trim("),
    ];

    /// <param name="spark">One Spark SQL statement.</param>
    /// <param name="readObject">
    /// Where an <c>s3a://bucket/key</c> object is read from (hadoop-aws on a cluster): a local copy of it; without
    /// it such a path fails, as on a cluster without hadoop-aws.
    /// </param>
    public static string Translate(string spark, Func<Uri, string>? readObject = null)
    {
        if (CsvView().Match(spark) is { Success: true } view)
        {
            return CsvViewOnDuckDb(view, readObject);
        }

        // CACHE TABLE keeps a relation computed on the cluster; DuckDB reads its local files fast enough without.
        if (Cache().IsMatch(spark))
        {
            return "SELECT 1";
        }

        var duck = Requote(spark);
        foreach (var (pattern, replacement) in Rewrites)
        {
            duck = pattern.Replace(duck, replacement);
        }

        return duck;
    }

    /// <summary>
    /// <c>CREATE … VIEW v (c0 STRING, …) USING csv OPTIONS (path '…', header 'true', escape '"', …)</c>: the
    /// declared columns bind by position; without them every column is a string named _c0, _c1, … as Spark
    /// names them when there is no header.
    /// </summary>
    /// <remarks>
    /// What Spark's CSV source does that DuckDB's reader would not: it reads a record of any size (its
    /// maxCharsPerColumn is unlimited by default; DuckDB's max_line_size is raised far above the contract's 1 MB),
    /// and it decodes bytes that are not UTF-8 as U+FFFD instead of failing (a file that is not valid UTF-8 is
    /// read through a copy decoded that way).
    /// </remarks>
    private static string CsvViewOnDuckDb(Match view, Func<Uri, string>? readObject)
    {
        var options = Option().Matches(view.Groups["options"].Value)
            .ToDictionary(m => m.Groups[1].Value, m => Unescape(m.Groups[2].Value), StringComparer.OrdinalIgnoreCase);
        var header = options.GetValueOrDefault("header", "false").Equals("true", StringComparison.OrdinalIgnoreCase);

        // Spark's default escape is a backslash; only escape '"' reads RFC 4180 doubled quotes.
        var escape = options.GetValueOrDefault("escape", "\\");
        // Hadoop reads the path as a glob and the engine escapes glob characters, so Spark reads exactly that
        // file; DuckDB would expand them, so such a file is read through a link with a plain name.
        var hadoopPath = options["path"];
        var local = AsSparkDecodesIt(hadoopPath.StartsWith("s3a://", StringComparison.Ordinal)
            ? (readObject ?? throw new InvalidOperationException($"[PATH_NOT_FOUND] No FileSystem for scheme \"s3a\": {hadoopPath}"))(new Uri(Unescape(hadoopPath)))
            : AsHadoopReadsIt(hadoopPath));

        // Without a schema or a header (and without inferSchema) Spark takes the columns from the first record alone.
        var names = view.Groups["schema"].Success
            ? view.Groups["schema"].Value.Split(',').Select(c => c.Trim().Split(' ')[0])
            : Enumerable.Range(0, FieldsOfFirstRecord(local)).Select(i => $"_c{i}");
        var columns = "columns = {" + string.Join(", ", names.Select(name => $"'{name}': 'VARCHAR'")) + "}";
        if (columns == "columns = {}")
        {
            // An empty file: no columns and no rows.
            return $"CREATE OR REPLACE TEMP VIEW {view.Groups["name"].Value} AS SELECT NULL AS _c0 WHERE false";
        }

        var path = local.Replace("'", "''", StringComparison.Ordinal);
        return $"CREATE OR REPLACE TEMP VIEW {view.Groups["name"].Value} AS SELECT * FROM read_csv('{path}', header = {header.ToString().ToLowerInvariant()}, " +
               $"auto_detect = false, {columns}, delim = ',', quote = '\"', escape = '{escape.Replace("'", "''", StringComparison.Ordinal)}', " +
               $"null_padding = true, strict_mode = false, parallel = false, max_line_size = {NoRecordSizeCap})";
    }

    private static int FieldsOfFirstRecord(string path)
    {
        using var reader = new StreamReader(path);
        using var parser = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        return parser.Read() ? parser.Count : 0;
    }

    /// <summary>DuckDB's record size limit in the stand-in: far above the contract's cap, which the engine must enforce itself.</summary>
    private const int NoRecordSizeCap = 16 * InputRules.MaxRecordBytes;

    /// <summary>
    /// A file as Spark's CSV source decodes it (a Java reader with the REPLACE action): each malformed UTF-8
    /// sequence becomes U+FFFD, which .NET's UTF-8 decoder does the same way. Valid files are read as they are.
    /// </summary>
    private static string AsSparkDecodesIt(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return path;
        }

        var decoded = Path.Combine(LinkFolder.Value, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(decoded, Encoding.UTF8.GetString(bytes), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return decoded;
    }

    private static readonly Lazy<string> LinkFolder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"kpi-fake-spark-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    });

    /// <summary>
    /// Hadoop expands unescaped glob characters (DuckDB does too) and reads backslash-escaped ones literally,
    /// which DuckDB cannot: such a file is read through a link with a plain name.
    /// </summary>
    private static string AsHadoopReadsIt(string hadoopPath)
    {
        if (!EscapedGlob().IsMatch(hadoopPath))
        {
            return hadoopPath;
        }

        var link = Path.Combine(LinkFolder.Value, $"{Guid.NewGuid():N}.csv");
        File.CreateSymbolicLink(link, Unescape(hadoopPath));
        return link;
    }

    [GeneratedRegex(@"\\[*?\[\]{}]")]
    private static partial Regex EscapedGlob();

    /// <summary>Spark's backslash-escaped 'literals' and `identifiers` in DuckDB's quoting.</summary>
    private static string Requote(string sql)
    {
        var output = new StringBuilder(sql.Length);
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var literal = new StringBuilder();
                for (i++; sql[i] != '\''; i++)
                {
                    literal.Append(sql[i] == '\\' ? sql[++i] : sql[i]);
                }

                output.Append('\'').Append(literal.Replace("'", "''")).Append('\'');
            }
            else if (c == '`')
            {
                var end = sql.IndexOf('`', i + 1);
                output.Append('"').Append(sql[(i + 1)..end].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                i = end;
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }

    private static string Unescape(string literal) => Regex.Replace(literal, @"\\(.)", "$1");

    [GeneratedRegex(@"\boctet_length\(", RegexOptions.IgnoreCase)]
    private static partial Regex OctetLength();

    [GeneratedRegex(@"\btrim\(", RegexOptions.IgnoreCase)]
    private static partial Regex Trim();

    [GeneratedRegex(@"^CREATE OR REPLACE TEMPORARY VIEW (?<name>\w+)(?: \((?<schema>[^)]*)\))? USING csv OPTIONS \((?<options>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex CsvView();

    [GeneratedRegex(@"(\w+) '((?:[^'\\]|\\.)*)'")]
    private static partial Regex Option();

    [GeneratedRegex(@"^(CACHE TABLE|UNCACHE TABLE IF EXISTS) \w+$")]
    private static partial Regex Cache();

    [GeneratedRegex(@"monotonically_increasing_id\(\)")]
    private static partial Regex MonotonicId();
}

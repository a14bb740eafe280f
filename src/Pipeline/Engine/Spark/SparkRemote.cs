using System.Globalization;

namespace Kpi.Pipeline.Engine.Spark;

/// <summary>
/// A Spark Connect connection string, <c>sc://host:port/;token=...;use_ssl=true;user_id=...;session_id=...</c>:
/// the token goes out as a bearer token (TLS or not, as Spark's own clients do), other parameters as gRPC metadata.
/// </summary>
internal sealed record SparkRemote(string Host, int Port, bool UseSsl, string? Token, string UserId, string? SessionId, IReadOnlyDictionary<string, string> Metadata)
{
    public const int DefaultPort = 15002;

    public Uri Address => new($"{(UseSsl ? "https" : "http")}://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Parses the string; a <see cref="FormatException"/> says what is wrong with it (never echoing the token).</summary>
    public static SparkRemote Parse(string text)
    {
        const string scheme = "sc://";
        if (!text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("must start with sc://, e.g. sc://host:15002/;token=...");
        }

        var parts = text[scheme.Length..].Split(';');
        var authority = parts[0].EndsWith('/') ? parts[0][..^1] : parts[0];
        if (authority.Contains('/', StringComparison.Ordinal))
        {
            throw new FormatException("must have an empty path: sc://host:port/;param=value");
        }

        if (!Uri.TryCreate($"http://{authority}", UriKind.Absolute, out var uri) || uri.Host.Length == 0 || uri.UserInfo.Length > 0)
        {
            throw new FormatException("names no valid host");
        }

        var port = uri.IsDefaultPort && !authority.EndsWith(":80", StringComparison.Ordinal) ? DefaultPort : uri.Port;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parts.Skip(1).Where(p => p.Length > 0))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"has a parameter without a value: '{parameter.Split('=')[0]}'");
            }

            parameters[parameter[..equals]] = Uri.UnescapeDataString(parameter[(equals + 1)..]);
        }

        var useSsl = false;
        if (parameters.Remove("use_ssl", out var ssl) && !bool.TryParse(ssl, out useSsl))
        {
            throw new FormatException($"use_ssl must be true or false, got '{ssl}'");
        }

        parameters.Remove("token", out var token);
        parameters.Remove("user_id", out var userId);
        parameters.Remove("session_id", out var sessionId);
        if (sessionId is not null && !Guid.TryParse(sessionId, out _))
        {
            throw new FormatException("session_id must be a UUID");
        }

        return new SparkRemote(uri.IdnHost, port, useSsl, token, userId ?? Environment.UserName, sessionId, parameters);
    }

    /// <summary>The address without the token, for messages.</summary>
    public override string ToString() => $"sc://{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}

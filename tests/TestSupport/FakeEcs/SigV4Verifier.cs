using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;

namespace Kpi.TestSupport.FakeEcs;

/// <summary>
/// Checks a request's SigV4 signature the way AWS does, written out independently of the SDK's signer:
/// canonical request, string to sign, the HMAC-SHA256 key chain. Throws a <see cref="FakeEcsException"/> with
/// the status and error type ECS answers (403 MissingAuthenticationToken, UnrecognizedClient, InvalidSignature).
/// </summary>
/// <param name="alsoSigned">Headers that must be signed besides host, x-amz-date and the session token.</param>
public sealed partial class SigV4Verifier(ImmutableCredentials accepted, string region, string service, TimeProvider time, params string[] alsoSigned)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <exception cref="FakeEcsException">The request is not signed, or not for these credentials, or its signature differs.</exception>
    /// <param name="headers">Header names in lower case, values as received (several values joined by ",").</param>
    public void Verify(string method, string path, string query, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("authorization", out var authorization))
        {
            throw new FakeEcsException(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            throw new FakeEcsException(403, "IncompleteSignatureException", $"Authorization header is not a SigV4 header: {authorization}");
        }

        var (accessKey, date, scopeRegion, scopeService) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var signedHeaders = match.Groups["signed"].Value.Split(';');
        var signature = match.Groups["signature"].Value;

        headers.TryGetValue("x-amz-security-token", out var token);
        if (accessKey != accepted.AccessKey || (accepted.UseToken ? token != accepted.Token : token is not null))
        {
            throw new FakeEcsException(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (!headers.TryGetValue("x-amz-date", out var amzDate)
            || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            throw new FakeEcsException(400, "IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }

        if (Math.Abs((time.GetUtcNow().UtcDateTime - signedAt).TotalMinutes) > 5)
        {
            throw new FakeEcsException(403, "InvalidSignatureException", $"Signature expired: {amzDate} is now earlier or later than 5 minutes from the server's time.");
        }

        if (date != amzDate[..8] || scopeRegion != region || scopeService != service)
        {
            throw new FakeEcsException(403, "InvalidSignatureException", $"Credential should be scoped to a valid date, region and service: expected {amzDate[..8]}/{region}/{service}, got {date}/{scopeRegion}/{scopeService}.");
        }

        var required = new[] { "host", "x-amz-date" }.Concat(alsoSigned).Concat(token is null ? [] : ["x-amz-security-token"]);
        if (required.FirstOrDefault(name => !signedHeaders.Contains(name)) is { } unsigned)
        {
            throw new FakeEcsException(403, "InvalidSignatureException", $"'{unsigned}' must be a signed header.");
        }

        // The hash of the body as received, whatever x-amz-content-sha256 claims: a changed body breaks the signature.
        var payloadHash = Hex(SHA256.HashData(body));
        var canonicalRequest = CanonicalRequest(method, path, query, signedHeaders, headers, payloadHash);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + accepted.SecretKey), date), region), service), "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            throw new FakeEcsException(403, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                + $"The Canonical String for this request should have been\n'{canonicalRequest}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n");
        }
    }

    private static string CanonicalRequest(string method, string path, string query, string[] signedHeaders, IReadOnlyDictionary<string, string> headers, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append('\n');
        builder.Append(CanonicalPath(path)).Append('\n');
        builder.Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            // A header listed as signed but not sent cannot match; an empty value stands in so the signature fails.
            var value = headers.TryGetValue(name, out var sent) ? Spaces().Replace(sent.Trim(), " ") : "";
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('\n');
        builder.Append(string.Join(';', signedHeaders)).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>Each path segment URI-encoded (RFC 3986 unreserved characters kept); "/" for an empty path.</summary>
    private static string CanonicalPath(string path) =>
        path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Uri.EscapeDataString(Uri.UnescapeDataString(pair[0])), Value: Uri.EscapeDataString(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal).ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request,\s*SignedHeaders=(?<signed>[a-z0-9\-;]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}

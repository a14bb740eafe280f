using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.Auth;

/// <summary>Fails start-up with the setting's name when the <c>Auth</c> section is inconsistent.</summary>
internal sealed class AuthOptionsValidator(IConfiguration configuration, IOptions<ForwardedHeadersOptions> forwardedHeaders)
    : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.UsesIdentityProvider)
        {
            if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority)
                || !(authority.Scheme == Uri.UriSchemeHttps || options.IsLoopbackHttpAuthority))
            {
                errors.Add("Auth__Authority must be an absolute https URL (http only for a loopback authority).");
            }

            if (string.IsNullOrWhiteSpace(options.ClientId))
            {
                errors.Add("Auth__ClientId is required when Auth__Authority is set.");
            }

            if (string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                errors.Add("Auth__ClientSecret is required when Auth__Authority is set.");
            }
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(options.ClientId) || !string.IsNullOrWhiteSpace(options.ClientSecret))
            {
                errors.Add("Auth__Authority is required when Auth__ClientId or Auth__ClientSecret is set.");
            }

            // Trusting X-Forwarded-For would let any client claim to be this machine.
            if (forwardedHeaders.Value.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor))
            {
                errors.Add("ASPNETCORE_FORWARDEDHEADERS_ENABLED must not be set without Auth__Authority: "
                    + "without an identity provider only loopback requests may start runs.");
            }
        }

        if (SecretSource() is { } source)
        {
            errors.Add($"Auth__ClientSecret must come from the environment, not from {source}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The file or command line the secret was read from, if any (a secret in a file ends up in images and repositories).</summary>
    private string? SecretSource()
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        var key = $"{AuthOptions.Section}:{nameof(AuthOptions.ClientSecret)}";
        var provider = root.Providers.LastOrDefault(p => p.TryGet(key, out var value) && !string.IsNullOrEmpty(value));
        return provider switch
        {
            FileConfigurationProvider file => file.Source.Path ?? "a settings file",
            CommandLineConfigurationProvider => "the command line",
            _ => null,
        };
    }
}

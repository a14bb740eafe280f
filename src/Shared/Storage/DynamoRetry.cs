using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Polly;
using Polly.Retry;

namespace Kpi.Shared.Storage;

/// <summary>
/// Bounded retries of DynamoDB writes that may succeed when repeated: throttling, server errors, and a
/// connection that failed (refused, reset or timed out: DynamoDB restarting, a brief network fault).
/// Exponential backoff with jitter; by default 10 retries from 0.1 s up to 10 s apart, about 45 s in all.
/// </summary>
public static class DynamoRetry
{
    public const int DefaultMaxRetries = 10;

    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(10);

    public static ResiliencePipeline Create() =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = DefaultBaseDelay,
                MaxDelay = DefaultMaxDelay,
                MaxRetryAttempts = DefaultMaxRetries,
            })
            .Build();

    /// <summary>The same retries for a call whose answer may also ask for one (e.g. BatchWriteItem's UnprocessedItems).</summary>
    /// <remarks>The annotation on <typeparamref name="T"/> is Polly's own (<c>AddRetry&lt;TResult&gt;</c> asks for it, for trimming).</remarks>
    public static ResiliencePipeline<T> Create<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(Func<T, bool> retryResult, int maxRetries = DefaultMaxRetries, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) =>
        new ResiliencePipelineBuilder<T>()
            .AddRetry(new RetryStrategyOptions<T>
            {
                ShouldHandle = new PredicateBuilder<T>().Handle<Exception>(IsTransient).HandleResult(retryResult),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay ?? DefaultBaseDelay,
                MaxDelay = maxDelay ?? DefaultMaxDelay,
                MaxRetryAttempts = maxRetries,
            })
            .Build();

    /// <summary>Throttling, a server error, or a failed connection (anywhere in the exception's chain).</summary>
    public static bool IsTransient(Exception exception)
    {
        if (exception is ProvisionedThroughputExceededException or RequestLimitExceededException ||
            exception is AmazonDynamoDBException { ErrorCode: "ThrottlingException" } ||
            exception is AmazonDynamoDBException dynamo && (int)dynamo.StatusCode >= 500)
        {
            return true;
        }

        // A cancelled run is not a fault; an HTTP timeout (TaskCanceledException wrapping a TimeoutException) is.
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException or IOException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}

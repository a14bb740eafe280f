using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

/// <summary>The CSV source: a new private bucket or an existing one, and the prefix the pipeline reads.</summary>
public sealed class SourceData : Construct
{
    public SourceData(Construct scope, string id, SourceSettings settings)
        : base(scope, id)
    {
        Prefix = settings.NormalizedPrefix;
        Bucket = settings.ExistingBucketName is { Length: > 0 } existing
            ? Amazon.CDK.AWS.S3.Bucket.FromBucketName(this, "Bucket", existing)
            : new Bucket(this, "Bucket", new BucketProps
            {
                BucketName = settings.NewBucketName,
                Encryption = BucketEncryption.S3_MANAGED,
                BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
                EnforceSSL = true,
                ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
                RemovalPolicy = RemovalPolicy.RETAIN,
            });
    }

    public IBucket Bucket { get; }

    public string Prefix { get; }

    /// <summary>KPI_SOURCE as the pipeline reads it.</summary>
    public string Uri => $"s3://{Bucket.BucketName}/{Prefix}";

    /// <summary>List the prefix and read the objects under it, nothing else of the bucket.</summary>
    public IEnumerable<PolicyStatement> ReadStatements()
    {
        var list = new PolicyStatementProps
        {
            Sid = "ListSourcePrefix",
            Actions = ["s3:ListBucket"],
            Resources = [Bucket.BucketArn],
        };
        if (Prefix.Length > 0)
        {
            list.Conditions = new Dictionary<string, object>
            {
                ["StringLike"] = new Dictionary<string, object> { ["s3:prefix"] = new[] { Prefix, Prefix + "*" } },
            };
        }

        yield return new PolicyStatement(list);
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadSourceObjects",
            Actions = ["s3:GetObject"],
            Resources = [Bucket.ArnForObjects(Prefix + "*")],
        });
    }
}

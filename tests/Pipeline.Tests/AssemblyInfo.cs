using Kpi.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbLocal))]
[assembly: AssemblyFixture(typeof(S3rverLocal))]

using Kpi.TestSupport;

[assembly: AssemblyFixture(typeof(DynamoDbLocal))]

using Kpi.Infra.Tests;

// The jsii runtime behind the CDK is one Node process per test process and is not thread-safe.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: AssemblyFixture(typeof(SynthesizedSystems))]

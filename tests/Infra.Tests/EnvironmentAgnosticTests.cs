using Amazon.CDK;

namespace Kpi.Infra.Tests;

public sealed class EnvironmentAgnosticTests(SynthesizedSystems systems)
{
    [Fact]
    public void Stacks_need_no_account_or_region()
    {
        foreach (var system in new[] { systems.Default, systems.Custom })
        {
            Assert.True(Token.IsUnresolved(system.Stack.Account));
            Assert.True(Token.IsUnresolved(system.Stack.Region));
            Assert.DoesNotContain("111122223333", system.Json.Root.ToJsonString().Replace(SynthesizedSystems.CertificateArn, "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Default_network_is_a_new_vpc_with_free_gateway_endpoints_and_no_nat()
    {
        var json = systems.Default.Json;
        Assert.Single(json.Resources("AWS::EC2::VPC"));
        Assert.Empty(json.Resources("AWS::EC2::NatGateway"));
        Assert.Equal(2, json.Resources("AWS::EC2::VPCEndpoint").Count());
        Assert.Empty(systems.Custom.Json.Resources("AWS::EC2::VPC"));
    }
}

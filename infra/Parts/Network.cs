using Amazon.CDK.AWS.EC2;
using Constructs;
using Kpi.Infra.Settings;

namespace Kpi.Infra.Parts;

/// <summary>The VPC and the subnets of the load balancer and of the tasks, without account lookups.</summary>
public sealed class Network : Construct
{
    public Network(Construct scope, string id, NetworkSettings settings)
        : base(scope, id)
    {
        if (settings.VpcId is { Length: > 0 } vpcId)
        {
            if (settings.TaskSubnetIds.Count == 0 || settings.LoadBalancerSubnetIds.Count == 0 || settings.AvailabilityZones.Count == 0)
            {
                throw new ArgumentException("An existing VPC needs its AvailabilityZones, LoadBalancerSubnetIds and TaskSubnetIds.");
            }

            Vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes
            {
                VpcId = vpcId,
                AvailabilityZones = [.. settings.AvailabilityZones],
            });
            LoadBalancerSubnets = Select("LoadBalancerSubnet", settings.LoadBalancerSubnetIds);
            TaskSubnets = Select("TaskSubnet", settings.TaskSubnetIds);
            AssignPublicIp = settings.AssignPublicIp;
            return;
        }

        var privateTasks = settings.NatGateways > 0;
        SubnetConfiguration[] subnets = privateTasks
            ?
            [
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 },
                new SubnetConfiguration { Name = "tasks", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 22 },
            ]
            : [new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24 }];
        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            MaxAzs = settings.MaxAzs,
            NatGateways = settings.NatGateways,
            SubnetConfiguration = subnets,
        });

        // Free gateway endpoints: S3 and DynamoDB traffic stays in the VPC.
        vpc.AddGatewayEndpoint("S3", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        vpc.AddGatewayEndpoint("DynamoDb", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB });
        Vpc = vpc;
        LoadBalancerSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC };
        TaskSubnets = new SubnetSelection { SubnetType = privateTasks ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PUBLIC };
        AssignPublicIp = !privateTasks;
    }

    public IVpc Vpc { get; }

    public SubnetSelection LoadBalancerSubnets { get; }

    public SubnetSelection TaskSubnets { get; }

    public bool AssignPublicIp { get; }

    /// <summary>The task subnets' ids (tokens for a new VPC), e.g. for the dashboard's RunTask settings.</summary>
    public string[] TaskSubnetIds => Vpc.SelectSubnets(TaskSubnets).SubnetIds;

    private SubnetSelection Select(string id, IReadOnlyList<string> subnetIds) => new()
    {
        Subnets = [.. subnetIds.Select((subnetId, i) => Subnet.FromSubnetId(this, $"{id}{i}", subnetId))],
    };
}

namespace Kpi.Infra.Settings;

/// <summary>
/// The network: by default a new VPC with public subnets in two zones, no NAT gateway, and tasks with
/// public IPs (the cheapest layout that can pull images); or an existing VPC named by its ids, which
/// needs no account lookup at synth time.
/// </summary>
public sealed record NetworkSettings
{
    /// <summary>An existing VPC; when null a new one is created.</summary>
    public string? VpcId { get; init; }

    /// <summary>Existing VPC: its availability zones, in the order of the subnet lists below.</summary>
    public IReadOnlyList<string> AvailabilityZones { get; init; } = [];

    /// <summary>Existing VPC: the subnets of the load balancer (public ones for an internet-facing dashboard).</summary>
    public IReadOnlyList<string> LoadBalancerSubnetIds { get; init; } = [];

    /// <summary>Existing VPC: the subnets of the pipeline and dashboard tasks.</summary>
    public IReadOnlyList<string> TaskSubnetIds { get; init; } = [];

    /// <summary>
    /// Existing VPC: give tasks a public IP, needed in public subnets without NAT (to reach ECR, logs and Secrets
    /// Manager). A new VPC decides by itself: public IPs without NAT gateways, none with them.
    /// </summary>
    public bool AssignPublicIp { get; init; } = true;

    /// <summary>New VPC: number of availability zones (the load balancer needs two).</summary>
    public int MaxAzs { get; init; } = 2;

    /// <summary>New VPC: NAT gateways. With more than 0, tasks run in private subnets without public IPs (about 33 USD a month each).</summary>
    public int NatGateways { get; init; }
}

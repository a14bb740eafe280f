using System.ComponentModel.DataAnnotations;

namespace Kpi.Dashboard.Runs.Ecs;

/// <summary>
/// Where and how a run starts on ECS Fargate, from the configuration section Launcher:Ecs
/// (environment variables Launcher__Ecs__Cluster, __TaskDefinition, __ContainerName, __Subnets__0..n,
/// __SecurityGroups__0..n, __AssignPublicIp).
/// </summary>
internal sealed class EcsLauncherOptions
{
    public const string Section = "Launcher:Ecs";

    private const string Prefix = "Launcher__Ecs__";

    /// <summary>The cluster's name or ARN.</summary>
    [Display(Name = Prefix + nameof(Cluster)), Required(ErrorMessage = "{0} is required")]
    public string Cluster { get; set; } = "";

    /// <summary>The pipeline's task definition: family, family:revision or ARN.</summary>
    [Display(Name = Prefix + nameof(TaskDefinition)), Required(ErrorMessage = "{0} is required")]
    public string TaskDefinition { get; set; } = "";

    /// <summary>The container in that task definition that runs the pipeline (receives the run's environment).</summary>
    [Display(Name = Prefix + nameof(ContainerName)), Required(ErrorMessage = "{0} is required")]
    public string ContainerName { get; set; } = "";

    /// <summary>Subnets of the task's network interface (Fargate's awsvpc mode needs at least one; at most 16).</summary>
    [Display(Name = Prefix + nameof(Subnets)), SettingList(1, 16)]
    public string[] Subnets { get; set; } = [];

    /// <summary>Security groups of the task's network interface (none: the VPC's default group; at most 5).</summary>
    [Display(Name = Prefix + nameof(SecurityGroups)), SettingList(0, 5)]
    public string[] SecurityGroups { get; set; } = [];

    /// <summary>ENABLED for a public subnet without a NAT gateway (to pull the image), else DISABLED.</summary>
    [Display(Name = Prefix + nameof(AssignPublicIp)), Required(ErrorMessage = "{0} is required")]
    [RegularExpression("^(ENABLED|DISABLED)$", ErrorMessage = "{0} must be ENABLED or DISABLED")]
    public string AssignPublicIp { get; set; } = "DISABLED";
}

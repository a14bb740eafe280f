namespace Kpi.Shared;

/// <summary>A setting that cannot be used, found where it is read (e.g. building an AWS client); the message names it.</summary>
public sealed class InvalidSettingException(string message) : InvalidOperationException(message);

namespace Kpi.Shared.Storage;

/// <summary>Attribute names of the dashboard's data-protection key table.</summary>
public static class DataProtectionAttributes
{
    public const string DefaultTable = "kpi_dataprotection";
    public const string TableVariable = "KPI_DATAPROTECTION_TABLE";

    /// <summary>The key's name given by ASP.NET Core (<c>key-&lt;guid&gt;</c>), unique per key.</summary>
    public const string FriendlyName = "friendly_name";

    /// <summary>The key's XML element as ASP.NET Core wrote it.</summary>
    public const string Xml = "xml";
}

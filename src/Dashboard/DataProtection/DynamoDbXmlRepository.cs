using System.Xml.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Kpi.Shared.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Kpi.Dashboard.DataProtection;

/// <summary>
/// The data-protection key ring in a DynamoDB table, so every dashboard task reads the cookies and antiforgery
/// tokens of the others. ASP.NET Core calls this rarely (start-up, key rotation) and synchronously.
/// </summary>
internal sealed class DynamoDbXmlRepository(IAmazonDynamoDB dynamo, IOptions<DataProtectionTableOptions> options) : IXmlRepository
{
    private readonly DataProtectionTableOptions _options = options.Value;
    private readonly Lazy<Task> _tableReady = new(() => options.Value.CreateTable
        ? TableSchemas.EnsureAsync(dynamo, [TableSchemas.DataProtection(options.Value.Table)], CancellationToken.None)
        : Task.CompletedTask);

    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        await _tableReady.Value;
        var elements = new List<XElement>();
        var request = new ScanRequest { TableName = _options.Table, ConsistentRead = true };
        do
        {
            var response = await dynamo.ScanAsync(request);
            elements.AddRange((response.Items ?? []).Select(item => XElement.Parse(item[DataProtectionAttributes.Xml].S)));
            request.ExclusiveStartKey = response.LastEvaluatedKey;
        }
        while (request.ExclusiveStartKey is { Count: > 0 });

        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        await _tableReady.Value;
        await dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = _options.Table,
            Item = new Dictionary<string, AttributeValue>
            {
                [DataProtectionAttributes.FriendlyName] = new() { S = friendlyName },
                [DataProtectionAttributes.Xml] = new() { S = element.ToString(SaveOptions.DisableFormatting) },
            },
        });
    }
}

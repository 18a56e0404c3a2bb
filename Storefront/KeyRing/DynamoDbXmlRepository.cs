using System.Xml.Linq;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Storefront.KeyRing;

/// <summary>
/// The data-protection key ring in a DynamoDB table (key: <c>FriendlyName</c>; <c>Xml</c>: the key, encrypted), so
/// every Lambda instance protects and reads cookies, antiforgery tokens and sign-in state with the same keys.
/// </summary>
/// <remarks>
/// Data protection calls this synchronously and rarely (when it loads the ring, about daily, and when it adds a key,
/// every 90 days), so blocking on the SDK's asynchronous calls here is acceptable.
/// </remarks>
public sealed class DynamoDbXmlRepository(IAmazonDynamoDB dynamo, string table) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = new List<XElement>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = dynamo.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = startKey, ConsistentRead = true })
                .GetAwaiter().GetResult();
            elements.AddRange(page.Items.Select(item => XElement.Parse(item["Xml"].S)));
            startKey = page.LastEvaluatedKey is { Count: > 0 } ? page.LastEvaluatedKey : null;
        } while (startKey is not null);
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        dynamo.PutItemAsync(new PutItemRequest
        {
            TableName = table,
            Item = new()
            {
                ["FriendlyName"] = new AttributeValue { S = friendlyName },
                ["Xml"] = new AttributeValue { S = element.ToString(SaveOptions.DisableFormatting) },
            },
            // Keys are never replaced: two instances adding one at once each keep their own (names are unique).
            ConditionExpression = "attribute_not_exists(FriendlyName)",
        }).GetAwaiter().GetResult();
    }
}

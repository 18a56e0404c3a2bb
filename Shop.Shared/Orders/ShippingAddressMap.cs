using Amazon.DynamoDBv2.Model;

namespace Shop.Shared.Orders;

/// <summary>How an order's <see cref="ShippingAddress"/> is stored: the map <c>ShippingAddress</c> on the order item, empty
/// parts left out (DynamoDB keeps no empty strings in a key, and absent reads back as null).</summary>
internal static class ShippingAddressMap
{
    public static AttributeValue ToMap(ShippingAddress address)
    {
        var map = new Dictionary<string, AttributeValue>();
        void Put(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                map[name] = new AttributeValue { S = value };
            }
        }
        Put("FullName", address.FullName);
        Put("Line1", address.Line1);
        Put("Line2", address.Line2);
        Put("City", address.City);
        Put("Region", address.Region);
        Put("PostalCode", address.PostalCode);
        Put("Country", address.CountryCode);
        Put("Phone", address.Phone);
        return new AttributeValue { M = map };
    }

    public static ShippingAddress FromMap(Dictionary<string, AttributeValue> map)
    {
        string? Get(string name) => map.GetValueOrDefault(name)?.S;
        return new ShippingAddress(Get("FullName") ?? "", Get("Line1") ?? "", Get("Line2"), Get("City") ?? "", Get("Region"),
            Get("PostalCode"), Get("Country") ?? "", Get("Phone"));
    }
}

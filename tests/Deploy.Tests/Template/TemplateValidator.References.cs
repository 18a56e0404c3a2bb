using System.Text.Json.Nodes;

namespace Deploy.Tests.Template;

// What references name, and whether the resources depend on each other in a circle.
public sealed partial class TemplateValidator
{
    private void ValidateReferences(CfnTemplate template, List<string> problems)
    {
        var sections = new (string Name, JsonNode? Node)[]
        {
            ("Resources", template.Resources), ("Outputs", template.Outputs), ("Conditions", template.Conditions), ("Globals", template.Root["Globals"]),
        };
        foreach (var (section, node) in sections)
        {
            foreach (var reference in CfnTemplate.ReferencesIn(node, section))
            {
                if (Problem(template, reference) is { } problem)
                {
                    problems.Add($"{reference.Path}: {problem}");
                }
            }
            problems.AddRange(IntrinsicNames(template, node, section));
        }
        foreach (var (id, resource) in template.Resources)
        {
            foreach (var dependency in DependsOn(resource).Where(d => !template.Resources.ContainsKey(d)))
            {
                problems.Add($"Resources.{id}.DependsOn: no resource '{dependency}'");
            }
            if (CfnTemplate.Text(resource?["Condition"]) is { } condition && !template.Conditions.ContainsKey(condition))
            {
                problems.Add($"Resources.{id}.Condition: no condition '{condition}'");
            }
        }
    }

    private string? Problem(CfnTemplate template, Reference reference)
    {
        if (reference.Attribute is null)
        {
            return template.Parameters.ContainsKey(reference.Target) || template.Resources.ContainsKey(reference.Target) ||
                CfnTemplate.PseudoParameters.Contains(reference.Target)
                ? null
                : $"'{reference.Target}' is no parameter, resource or pseudo parameter";
        }
        if (template.TypeOf(reference.Target) is not { } type)
        {
            return $"no resource '{reference.Target}' (for its attribute {reference.Attribute})";
        }
        var attributesOf = SamGenerates.GetValueOrDefault(type, type);
        return spec.HasResourceType(attributesOf) && !spec.AttributesOf(attributesOf).Contains(reference.Attribute)
            ? $"{type} has no attribute '{reference.Attribute}'"
            : null;
    }

    /// <summary>Fn::If conditions and Fn::FindInMap keys name what the template declares.</summary>
    private static IEnumerable<string> IntrinsicNames(CfnTemplate template, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.Count == 1 && o["Fn::If"] is JsonArray { Count: 3 } fnIf && CfnTemplate.Text(fnIf[0]) is { } condition &&
                    !template.Conditions.ContainsKey(condition))
                {
                    yield return $"{path}: no condition '{condition}'";
                }
                if (o.Count == 1 && o["Fn::FindInMap"] is JsonArray { Count: 3 } find &&
                    find.Select(CfnTemplate.Text).ToArray() is [{ } map, { } top, { } second] &&
                    template.Mappings[map]?[top]?[second] is null)
                {
                    yield return $"{path}: no mapping {map}.{top}.{second}";
                }
                foreach (var (key, value) in o)
                {
                    foreach (var problem in IntrinsicNames(template, value, $"{path}.{key}"))
                    {
                        yield return problem;
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var problem in IntrinsicNames(template, a[i], $"{path}[{i}]"))
                    {
                        yield return problem;
                    }
                }
                break;
        }
    }

    private static IEnumerable<string> DependsOn(JsonNode? resource) => resource?["DependsOn"] switch
    {
        JsonArray list => list.Select(CfnTemplate.Text).OfType<string>(),
        JsonValue single when CfnTemplate.Text(single) is { } name => [name],
        _ => [],
    };

    /// <summary>
    /// Resources that depend on each other in a circle, which CloudFormation refuses. Edges: Ref, Fn::GetAtt and
    /// Fn::Sub names, DependsOn, and the SAM Globals for every SAM function.
    /// </summary>
    public static IReadOnlyList<string> Cycles(CfnTemplate template)
    {
        var globals = CfnTemplate.ReferencesIn(template.Root["Globals"]).Select(r => r.Target).ToList();
        var edges = template.Resources.ToDictionary(
            r => r.Key,
            r => CfnTemplate.ReferencesIn(r.Value).Select(x => x.Target)
                .Concat(DependsOn(r.Value))
                .Concat(template.TypeOf(r.Key)?.StartsWith("AWS::Serverless::", StringComparison.Ordinal) == true ? globals : [])
                .Where(t => template.Resources.ContainsKey(t) && t != r.Key)
                .Distinct()
                .ToList());
        var state = new Dictionary<string, int>(); // 1: on the current path, 2: done
        var path = new List<string>();
        var cycles = new List<string>();

        void Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    cycles.Add("circular dependency: " + string.Join(" → ", path.SkipWhile(n => n != next).Append(next)));
                }
                else if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        foreach (var node in edges.Keys.Where(n => state.GetValueOrDefault(n) == 0))
        {
            Visit(node);
        }
        return cycles;
    }
}

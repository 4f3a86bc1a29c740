using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LivingBetter.Web.Features.Measures;

public sealed record QuestionOption(string Code, string Display, decimal Value);

/// <param name="Required">The item's FHIR <c>required</c> flag: not part of scoring, kept for the measure's FHIR Questionnaire.</param>
public sealed record Question(string LinkId, string Text, IReadOnlyList<QuestionOption> Options, bool Required = false);

/// <summary>The parts of a FHIR Questionnaire a measure needs: single-choice items whose options carry a score.</summary>
public sealed record Questionnaire(string Title, IReadOnlyList<Question> Items)
{
    public Question? Find(string linkId) => Items.FirstOrDefault(i => i.LinkId == linkId);
}

public sealed record ReversedItem(string LinkId, decimal Min, decimal Max);

public sealed record Subscale(string Key, string Title, string Method, IReadOnlyList<string> Items, int MinimumAnswered);

public sealed record ConversionRow(int Raw, decimal Metric);

/// <summary>
/// How a measure is scored. <c>sum</c> or <c>mean</c> of <c>items</c> after reversing <c>reversed</c>
/// items (min + max − answer). With fewer answers than items but at least <c>minimumAnswered</c>, a sum
/// is prorated (sum × items ÷ answered, to 2 places) and a mean uses the answered items; below that the
/// response is not scored. A prorated raw score is rounded half away from zero to look up the
/// raw-to-metric <c>conversion</c> table. <c>reliableChange</c> is the smallest change (in metric
/// units if there is a table, else raw) that counts as real rather than noise.
/// </summary>
public sealed record ScoringDefinition(
    string Method,
    IReadOnlyList<string> Items,
    IReadOnlyList<ReversedItem> Reversed,
    int MinimumAnswered,
    IReadOnlyList<Subscale> Subscales,
    IReadOnlyList<ConversionRow> Conversion,
    decimal? ReliableChange,
    bool HigherIsBetter);

public sealed record ScoreResult(bool Scored, string? Reason, int Answered, decimal? Raw, decimal? Metric, IReadOnlyDictionary<string, decimal?> Subscales)
{
    /// <summary>The score change is judged on: the metric score where there is a table, else the raw score.</summary>
    public decimal? Headline => Metric ?? Raw;
}

public enum ChangeVerdict
{
    NotEnough,
    NoReliableChange,
    ReliableImprovement,
    ReliableDeterioration,
}

/// <summary>Reads measure definitions supplied as data, checks them with errors that name the path, and scores responses.</summary>
public static class ScoringEngine
{
    private static readonly string[] Methods = ["sum", "mean"];

    // Bounds that keep sums and table look-ups inside ordinary numbers whatever an administrator pastes.
    private const decimal MaxOptionValue = 1_000_000m;
    private const int MaxConversionRows = 10_000;

    public static (Questionnaire? Questionnaire, IReadOnlyList<string> Errors) ParseQuestionnaire(string? json)
    {
        var errors = new List<string>();
        if (!TryParse(json, "questionnaire", errors, out var root))
        {
            return (null, errors);
        }
        if ((string?)Str(root["resourceType"]) != "Questionnaire")
        {
            errors.Add("questionnaire.resourceType must be \"Questionnaire\"");
        }
        var title = Str(root["title"]) ?? "";
        if (root["item"] is not JsonArray items || items.Count == 0)
        {
            errors.Add("questionnaire.item must be a list with at least one question");
            return (null, errors);
        }
        var questions = new List<Question>();
        var seen = new HashSet<string>();
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"questionnaire.item[{i}]";
            if (items[i] is not JsonObject item)
            {
                errors.Add($"{path} must be an object");
                continue;
            }
            var linkId = Str(item["linkId"]);
            if (string.IsNullOrWhiteSpace(linkId))
            {
                errors.Add($"{path}.linkId is missing");
                continue;
            }
            if (!seen.Add(linkId))
            {
                errors.Add($"{path}.linkId \"{linkId}\" is used more than once");
            }
            var text = Str(item["text"]);
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"{path}.text is missing");
            }
            if (Str(item["type"]) is { } type && type != "choice" && type != "coding")
            {
                errors.Add($"{path}.type must be \"choice\" (was \"{type}\")");
            }
            if (item["answerOption"] is not JsonArray options || options.Count < 2)
            {
                errors.Add($"{path}.answerOption must list at least two options");
                continue;
            }
            var parsed = new List<QuestionOption>();
            for (var o = 0; o < options.Count; o++)
            {
                var opath = $"{path}.answerOption[{o}]";
                var option = options[o] as JsonObject;
                if (option?["valueInteger"] is JsonValue vi && vi.TryGetValue<int>(out var integer))
                {
                    parsed.Add(new QuestionOption(integer.ToString(CultureInfo.InvariantCulture), integer.ToString(CultureInfo.InvariantCulture), integer));
                }
                else if (option?["valueCoding"] is JsonObject coding)
                {
                    var code = Str(coding["code"]);
                    var value = OrdinalValue(option) ?? OrdinalValue(coding);
                    if (string.IsNullOrWhiteSpace(code))
                    {
                        errors.Add($"{opath}.valueCoding.code is missing");
                    }
                    else if (value is null)
                    {
                        errors.Add($"{opath} needs a score: an ordinalValue or itemWeight extension with valueDecimal or valueInteger");
                    }
                    else if (Math.Abs(value.Value) > MaxOptionValue)
                    {
                        errors.Add($"{opath} score must be between -{MaxOptionValue:0} and {MaxOptionValue:0}");
                    }
                    else
                    {
                        parsed.Add(new QuestionOption(code, Str(coding["display"]) ?? code, value.Value));
                    }
                }
                else
                {
                    errors.Add($"{opath} must have valueInteger, or valueCoding with a score extension");
                }
            }
            if (parsed.Select(p => p.Code).Distinct().Count() != parsed.Count)
            {
                errors.Add($"{path}.answerOption has the same code more than once");
            }
            var required = item["required"] is JsonValue r && r.TryGetValue<bool>(out var yes) && yes;
            questions.Add(new Question(linkId, text ?? "", parsed, required));
        }
        return errors.Count > 0 ? (null, errors) : (new Questionnaire(title, questions), errors);
    }

    public static (ScoringDefinition? Scoring, IReadOnlyList<string> Errors) ParseScoring(string? json, Questionnaire? questionnaire)
    {
        var errors = new List<string>();
        if (!TryParse(json, "scoring", errors, out var root))
        {
            return (null, errors);
        }
        var method = Str(root["method"]);
        if (method is null || !Methods.Contains(method))
        {
            errors.Add("scoring.method must be \"sum\" or \"mean\"");
        }
        var items = LinkIds(root["items"], "scoring.items", questionnaire, errors);
        var reversed = new List<ReversedItem>();
        if (root["reversed"] is JsonArray rev)
        {
            for (var i = 0; i < rev.Count; i++)
            {
                var path = $"scoring.reversed[{i}]";
                var linkId = Str(rev[i]?["linkId"]);
                var min = Num(rev[i]?["min"]);
                var max = Num(rev[i]?["max"]);
                if (linkId is null || !items.Contains(linkId))
                {
                    errors.Add($"{path}.linkId must be one of scoring.items");
                }
                if (min is null || max is null)
                {
                    errors.Add($"{path} needs a numeric min and max");
                }
                else if (max <= min)
                {
                    errors.Add($"{path}.max must be greater than min");
                }
                else if (linkId is not null)
                {
                    reversed.Add(new ReversedItem(linkId, min.Value, max.Value));
                }
            }
        }
        else if (root["reversed"] is not null)
        {
            errors.Add("scoring.reversed must be a list");
        }
        var minimum = items.Count;
        if (root["minimumAnswered"] is { } minNode)
        {
            var n = Num(minNode);
            if (n is null || n != Math.Floor(n.Value) || n < 1 || n > items.Count)
            {
                errors.Add($"scoring.minimumAnswered must be a whole number from 1 to {items.Count}");
            }
            else
            {
                minimum = (int)n.Value;
            }
        }
        var subscales = new List<Subscale>();
        if (root["subscales"] is JsonArray subs)
        {
            for (var i = 0; i < subs.Count; i++)
            {
                var path = $"scoring.subscales[{i}]";
                var key = Str(subs[i]?["key"]);
                var subMethod = Str(subs[i]?["method"]) ?? method ?? "sum";
                if (string.IsNullOrWhiteSpace(key))
                {
                    errors.Add($"{path}.key is missing");
                }
                if (!Methods.Contains(subMethod))
                {
                    errors.Add($"{path}.method must be \"sum\" or \"mean\"");
                }
                var subItems = LinkIds(subs[i]?["items"], $"{path}.items", questionnaire, errors);
                var subMin = subItems.Count;
                if (subs[i]?["minimumAnswered"] is { } smNode)
                {
                    var sm = Num(smNode);
                    if (sm is null || sm != Math.Floor(sm.Value) || sm < 1 || sm > Math.Max(1, subItems.Count))
                    {
                        errors.Add($"{path}.minimumAnswered must be a whole number from 1 to {subItems.Count}");
                    }
                    else
                    {
                        subMin = (int)sm.Value;
                    }
                }
                subscales.Add(new Subscale(key ?? "", Str(subs[i]?["title"]) ?? key ?? "", subMethod, subItems, subMin));
            }
        }
        var conversion = new List<ConversionRow>();
        if (root["conversion"] is JsonArray table)
        {
            if (method == "mean")
            {
                errors.Add("scoring.conversion can only be used when scoring.method is \"sum\"");
            }
            for (var i = 0; i < table.Count; i++)
            {
                var raw = Num(table[i]?["raw"]);
                var metric = Num(table[i]?["metric"]);
                if (raw is null || raw != Math.Floor(raw.Value) || raw < -1_000_000 || raw > 1_000_000)
                {
                    errors.Add($"scoring.conversion[{i}].raw must be a whole number");
                    continue;
                }
                if (metric is null)
                {
                    errors.Add($"scoring.conversion[{i}].metric must be a number");
                    continue;
                }
                if (conversion.Any(c => c.Raw == (int)raw))
                {
                    errors.Add($"scoring.conversion[{i}].raw {raw} appears more than once");
                    continue;
                }
                conversion.Add(new ConversionRow((int)raw, metric.Value));
            }
            if (questionnaire is not null && errors.Count == 0 && items.Count > 0)
            {
                var low = items.Sum(id => questionnaire.Find(id)!.Options.Min(o => o.Value));
                var high = items.Sum(id => questionnaire.Find(id)!.Options.Max(o => o.Value));
                var missing = new List<int>();
                if (high - low > MaxConversionRows)
                {
                    errors.Add($"scoring.conversion can only be used when raw scores span at most {MaxConversionRows} points (these span {low:0.##} to {high:0.##})");
                }
                else
                {
                    var have = conversion.Select(c => c.Raw).ToHashSet();
                    for (var r = (int)Math.Ceiling(low); r <= (int)Math.Floor(high); r++)
                    {
                        if (!have.Contains(r))
                        {
                            missing.Add(r);
                        }
                    }
                }
                if (missing.Count > 0)
                {
                    errors.Add($"scoring.conversion must cover every raw score from {low:0.##} to {high:0.##}; missing {string.Join(", ", missing.Take(10))}");
                }
            }
        }
        else if (root["conversion"] is not null)
        {
            errors.Add("scoring.conversion must be a list of { \"raw\": whole number, \"metric\": number }");
        }
        decimal? reliable = null;
        if (root["reliableChange"] is { } rc)
        {
            reliable = Num(rc);
            if (reliable is null || reliable <= 0)
            {
                errors.Add("scoring.reliableChange must be a positive number");
            }
        }
        var higher = root["higherIsBetter"] is not JsonValue hv || !hv.TryGetValue<bool>(out var b) || b;
        return errors.Count > 0
            ? (null, errors)
            : (new ScoringDefinition(method!, items, reversed, minimum, subscales, conversion.OrderBy(c => c.Raw).ToList(), reliable, higher), errors);
    }

    /// <summary>Scores answers given as linkId → the chosen option's value.</summary>
    public static ScoreResult Score(ScoringDefinition scoring, IReadOnlyDictionary<string, decimal> answers)
    {
        var (raw, answered, reason) = Combine(scoring.Method, scoring.Items, scoring.MinimumAnswered, scoring.Reversed, answers);
        var subscales = scoring.Subscales.ToDictionary(s => s.Key, s => Combine(s.Method, s.Items, s.MinimumAnswered, scoring.Reversed, answers).Score);
        if (raw is null)
        {
            return new ScoreResult(false, reason, answered, null, null, subscales);
        }
        decimal? metric = null;
        if (scoring.Conversion.Count > 0)
        {
            var whole = (int)Math.Round(raw.Value, MidpointRounding.AwayFromZero);
            metric = scoring.Conversion.FirstOrDefault(c => c.Raw == whole)?.Metric;
        }
        return new ScoreResult(true, null, answered, raw, metric, subscales);
    }

    public static ChangeVerdict Compare(ScoringDefinition scoring, decimal? baseline, decimal? latest)
    {
        if (baseline is null || latest is null || scoring.ReliableChange is not { } threshold)
        {
            return ChangeVerdict.NotEnough;
        }
        var change = latest.Value - baseline.Value;
        if (Math.Abs(change) < threshold)
        {
            return ChangeVerdict.NoReliableChange;
        }
        return (change > 0) == scoring.HigherIsBetter ? ChangeVerdict.ReliableImprovement : ChangeVerdict.ReliableDeterioration;
    }

    private static (decimal? Score, int Answered, string? Reason) Combine(string method, IReadOnlyList<string> items, int minimum,
        IReadOnlyList<ReversedItem> reversed, IReadOnlyDictionary<string, decimal> answers)
    {
        var values = new List<decimal>();
        foreach (var id in items)
        {
            if (answers.TryGetValue(id, out var v))
            {
                var r = reversed.FirstOrDefault(x => x.LinkId == id);
                values.Add(r is null ? v : r.Min + r.Max - v);
            }
        }
        if (values.Count < minimum || values.Count == 0)
        {
            return (null, values.Count, $"{values.Count} of {items.Count} questions answered; at least {minimum} are needed for a score");
        }
        var score = method == "mean"
            ? Math.Round(values.Average(), 2, MidpointRounding.AwayFromZero)
            : values.Count == items.Count
                ? values.Sum()
                : Math.Round(values.Sum() * items.Count / values.Count, 2, MidpointRounding.AwayFromZero);
        return (score, values.Count, null);
    }

    private static List<string> LinkIds(JsonNode? node, string path, Questionnaire? questionnaire, List<string> errors)
    {
        var ids = new List<string>();
        if (node is not JsonArray list || list.Count == 0)
        {
            errors.Add($"{path} must list at least one linkId");
            return ids;
        }
        for (var i = 0; i < list.Count; i++)
        {
            var id = Str(list[i]);
            if (id is null)
            {
                errors.Add($"{path}[{i}] must be a linkId");
            }
            else if (questionnaire is not null && questionnaire.Find(id) is null)
            {
                errors.Add($"{path}[{i}] \"{id}\" is not a linkId in the questionnaire");
            }
            else if (ids.Contains(id))
            {
                errors.Add($"{path}[{i}] \"{id}\" is listed twice");
            }
            else
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    private static bool TryParse(string? json, string name, List<string> errors, out JsonObject root)
    {
        root = [];
        if (string.IsNullOrWhiteSpace(json))
        {
            errors.Add($"{name} is empty");
            return false;
        }
        try
        {
            if (JsonNode.Parse(json) is JsonObject obj)
            {
                root = obj;
                return true;
            }
            errors.Add($"{name} must be a JSON object");
        }
        catch (JsonException e)
        {
            errors.Add($"{name} is not valid JSON (line {(e.LineNumber ?? 0) + 1}): {e.Message.Split('.')[0]}");
        }
        return false;
    }

    private static decimal? OrdinalValue(JsonObject node)
    {
        if (node["extension"] is not JsonArray extensions)
        {
            return null;
        }
        foreach (var ext in extensions.OfType<JsonObject>())
        {
            var url = Str(ext["url"]) ?? "";
            if (url.EndsWith("ordinalValue", StringComparison.Ordinal) || url.EndsWith("itemWeight", StringComparison.Ordinal))
            {
                return Num(ext["valueDecimal"]) ?? Num(ext["valueInteger"]);
            }
        }
        return null;
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static decimal? Num(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d) ? d : null;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LivingBetter.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LivingBetter.Web.Features.Plans;

/// <summary>A labelled piece of a section, as words: what print, PDF, history and comparisons show.</summary>
public sealed record FieldText(string Name, string Label, string Text, IReadOnlyList<string> Items);

/// <summary>Reads, writes, validates and describes section content. The records in <see cref="PlanStructure"/> are the schema.</summary>
public static class SectionContent
{
    public const string Prefix = "F";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static object Empty(SectionDef def) => Activator.CreateInstance(def.ContentType)!;

    public static object Parse(SectionDef def, string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty(def);
        }
        try
        {
            return JsonSerializer.Deserialize(json, def.ContentType, Json) ?? Empty(def);
        }
        catch (JsonException)
        {
            // Content written by an older shape should never stop a person reading their plan.
            return Empty(def);
        }
    }

    public static T Parse<T>(string? json) where T : new()
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new T();
        }
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }

    public static string Serialize(SectionDef def, object content) => JsonSerializer.Serialize(content, def.ContentType, Json);

    public static string Serialize<T>(T content) => JsonSerializer.Serialize(content, Json);

    public static string Id(string name) => Microsoft.AspNetCore.Mvc.Rendering.TagBuilder.CreateSanitizedId(name, "_");

    public static string Name(FieldDef field) => $"{Prefix}.{field.Name}";

    public static string RowName(FieldDef field, int row, FieldDef sub) => $"{Prefix}.{field.Name}[{row}].{sub.Name}";

    public static string Clean(string? value) => (value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    public static bool IsEmpty(SectionDef def, object content) =>
        Describe(def, content, null).All(f => f.Text.Length == 0 && f.Items.Count == 0);

    /// <summary>
    /// Builds the section's content from a posted form. Fields filled in elsewhere are carried over from
    /// <paramref name="existing"/>. Errors are keyed by form field name and name the field and the reason.
    /// </summary>
    public static object Read(SectionDef def, IFormCollection form, object existing, ModelStateDictionary errors)
    {
        var content = Activator.CreateInstance(def.ContentType)!;
        foreach (var field in def.Fields)
        {
            if (field.Meta.EditedElsewhere)
            {
                field.Property.SetValue(content, field.Property.GetValue(existing));
                continue;
            }
            field.Property.SetValue(content, ReadField(field, form, Name(field), errors));
        }
        return content;
    }

    private static object? ReadField(FieldDef field, IFormCollection form, string name, ModelStateDictionary errors)
    {
        string raw = Clean(form[name].ToString());
        switch (field.Kind)
        {
            case FieldKind.Text:
            case FieldKind.ShortText:
                if (raw.Length > field.Meta.MaxLength)
                {
                    errors.AddModelError(name, $"{field.Label} must be {field.Meta.MaxLength:N0} characters or fewer (you have {raw.Length:N0})");
                }
                return raw;
            case FieldKind.Lines:
                {
                    var items = raw.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
                    if (items.Any(i => i.Length > field.Meta.MaxLength))
                    {
                        errors.AddModelError(name, $"{field.Label}: each line must be {field.Meta.MaxLength} characters or fewer");
                    }
                    if (items.Count > field.Meta.MaxItems)
                    {
                        errors.AddModelError(name, $"{field.Label} can have up to {field.Meta.MaxItems} lines");
                    }
                    return items;
                }
            case FieldKind.ToolboxPick:
                return form[name].Select(Clean).Where(v => v.Length > 0 && v.Length <= field.Meta.MaxLength).Distinct().Take(field.Meta.MaxItems).ToList();
            case FieldKind.Money:
                if (raw.Length == 0)
                {
                    return null;
                }
                if (!decimal.TryParse(raw.TrimStart('£').Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var money)
                    || money < 0 || money > 10_000_000)
                {
                    errors.AddModelError(name, $"{field.Label} must be an amount in pounds, like 120 or 85.50");
                    return null;
                }
                return Math.Round(money, 2);
            case FieldKind.Date:
                if (raw.Length == 0)
                {
                    return null;
                }
                if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || DateOnly.TryParseExact(raw, ["d/M/yyyy", "d M yyyy", "d MMMM yyyy"], Wording.UkCulture, DateTimeStyles.None, out date))
                {
                    return date;
                }
                errors.AddModelError(name, $"{field.Label} must be a real date, like 31/3/2027");
                return null;
            case FieldKind.Choice:
                {
                    var type = Nullable.GetUnderlyingType(field.Property.PropertyType) ?? field.Property.PropertyType;
                    if (raw.Length == 0)
                    {
                        return null;
                    }
                    if (Enum.TryParse(type, raw, ignoreCase: false, out var value) && Enum.IsDefined(type, value!))
                    {
                        return value;
                    }
                    errors.AddModelError(name, $"Select {field.Label.ToLowerInvariant()} from the list");
                    return null;
                }
            case FieldKind.GoalPick:
                return Guid.TryParse(raw, out var goal) ? goal : null;
            case FieldKind.Rows:
                {
                    var listType = typeof(List<>).MakeGenericType(field.RowType!);
                    var list = (System.Collections.IList)Activator.CreateInstance(listType)!;
                    for (var i = 0; i < field.Meta.MaxItems; i++)
                    {
                        var row = Activator.CreateInstance(field.RowType!)!;
                        var any = false;
                        foreach (var sub in field.RowFields)
                        {
                            var subName = $"{name}[{i}].{sub.Name}";
                            var subRaw = Clean(form[subName].ToString());
                            if (subRaw.Length > 0 && sub.Kind != FieldKind.GoalPick)
                            {
                                any = true;
                            }
                            var subField = sub with { Meta = new FieldAttribute($"{field.Meta.RowLabel} {i + 1}, {sub.Label.ToLowerInvariant()}") { MaxLength = sub.Meta.MaxLength } };
                            sub.Property.SetValue(row, ReadField(subField, form, subName, errors));
                        }
                        if (any)
                        {
                            list.Add(row);
                        }
                    }
                    return list;
                }
            default:
                return null;
        }
    }

    /// <summary>The value a form control shows: what was posted (so nothing typed is lost) or the saved content.</summary>
    public static string ValueFor(FieldDef field, object? content) =>
        content is null ? "" : Format(field, field.Property.GetValue(content), null, forForm: true);

    public static string Format(FieldDef field, object? value, IReadOnlyList<Goal>? goals, bool forForm = false) => value switch
    {
        null => "",
        string s => s,
        List<string> items => string.Join('\n', items),
        decimal d => forForm ? d.ToString("0.##", CultureInfo.InvariantCulture) : d.ToString("C", Wording.UkCulture),
        DateOnly date => forForm ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : date.ToString("d MMMM yyyy", Wording.UkCulture),
        Enum e => forForm ? e.ToString() : FieldDef.ChoiceText(e),
        Guid g => forForm ? g.ToString() : goals?.FirstOrDefault(x => x.Id == g)?.Words ?? "",
        _ => value.ToString() ?? "",
    };

    /// <summary>The section in words, field by field, as people read it on paper.</summary>
    public static IReadOnlyList<FieldText> Describe(SectionDef def, object content, IReadOnlyList<Goal>? goals)
    {
        var result = new List<FieldText>();
        foreach (var field in def.Fields)
        {
            var value = field.Property.GetValue(content);
            result.Add(DescribeField(field, value, goals));
        }
        if (content is BudgetContent budget && budget.Items.Count > 0)
        {
            result.Add(new("Totals", "Totals", BudgetTotals(budget), []));
        }
        return result;
    }

    public static string BudgetTotals(BudgetContent b)
    {
        var spent = b.Spent.ToString("C", Wording.UkCulture);
        return b.Remaining is { } r
            ? $"Planned spending {spent} of {b.Amount!.Value.ToString("C", Wording.UkCulture)}; {(r >= 0 ? r.ToString("C", Wording.UkCulture) + " left" : (-r).ToString("C", Wording.UkCulture) + " over budget")}."
            : $"Planned spending {spent}.";
    }

    private static FieldText DescribeField(FieldDef field, object? value, IReadOnlyList<Goal>? goals)
    {
        switch (value)
        {
            case List<string> items:
                return new(field.Name, field.Label, "", items);
            case List<Goal> goalList:
                return new(field.Name, field.Label, "", goalList.Select(DescribeGoal).ToList());
            case System.Collections.IList rows when field.Kind == FieldKind.Rows:
                {
                    var lines = new List<string>();
                    foreach (var row in rows)
                    {
                        var parts = field.RowFields
                            .Select(sub => (sub.Label, Text: Format(sub, sub.Property.GetValue(row), goals)))
                            .Where(p => p.Text.Length > 0)
                            .Select(p => $"{p.Label}: {p.Text}");
                        lines.Add(string.Join("; ", parts));
                    }
                    return new(field.Name, field.Label, "", lines);
                }
            default:
                return new(field.Name, field.Label, Format(field, value, goals), []);
        }
    }

    public static string DescribeGoal(Goal g)
    {
        var text = g.Words;
        if (g.AchievedOn is { } on)
        {
            text += $" (achieved {on.ToString("d MMMM yyyy", Wording.UkCulture)}{(g.Celebration.Length > 0 ? ": " + g.Celebration : "")})";
        }
        if (g.Steps.Count > 0)
        {
            text += ". Steps: " + string.Join("; ", g.Steps.Select(s =>
                s.Text + (s.By is { } by ? $" by {by.ToString("d MMM yyyy", Wording.UkCulture)}" : "")
                + (s.WhoHelps.Length > 0 ? $" with {s.WhoHelps}" : "") + $" ({FieldDef.ChoiceText(s.Status).ToLowerInvariant()})"));
        }
        return text;
    }

    /// <summary>What changed between two versions of a section, in plain sentences.</summary>
    public static IReadOnlyList<string> Compare(SectionDef def, object before, object after, IReadOnlyList<Goal>? goals)
    {
        var a = Describe(def, before, goals);
        var b = Describe(def, after, goals);
        var changes = new List<string>();
        foreach (var (x, y) in a.Zip(b))
        {
            if (x.Items.Count > 0 || y.Items.Count > 0)
            {
                foreach (var added in y.Items.Except(x.Items))
                {
                    changes.Add($"{y.Label}: added “{added}”.");
                }
                foreach (var removed in x.Items.Except(y.Items))
                {
                    changes.Add($"{y.Label}: removed “{removed}”.");
                }
                continue;
            }
            if (x.Text == y.Text)
            {
                continue;
            }
            changes.Add(x.Text.Length == 0 ? $"{y.Label}: added “{y.Text}”."
                : y.Text.Length == 0 ? $"{y.Label}: removed “{x.Text}”."
                : $"{y.Label}: changed from “{x.Text}” to “{y.Text}”.");
        }
        return changes;
    }
}

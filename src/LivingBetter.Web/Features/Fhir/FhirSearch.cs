using System.Globalization;
using System.Linq.Expressions;
using Hl7.Fhir.Model;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using LinqExpression = System.Linq.Expressions.Expression;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>A date comparison from a FHIR search parameter such as <c>authored=ge2026-01-01</c>.</summary>
public sealed record DateFilter(string Prefix, DateTimeOffset At);

public sealed record FhirQuery(Guid? Patient, IReadOnlyList<DateFilter> Dates, bool NewestFirst, int Count, List<FhirProblem> Problems);

/// <summary>The FHIR search basics we support: patient, date/authored with prefixes, _sort and _count.</summary>
public static class FhirSearch
{
    public const int MaxCount = 100;

    public static FhirQuery Parse(IQueryCollection query)
    {
        var problems = new List<FhirProblem>();
        Guid? patient = null;
        if (query.TryGetValue("patient", out var p) || query.TryGetValue("subject", out p))
        {
            var text = p.ToString();
            text = text.StartsWith("Patient/", StringComparison.Ordinal) ? text["Patient/".Length..] : text;
            if (Guid.TryParse(text, out var id))
            {
                patient = id;
            }
            else
            {
                problems.Add(new("patient", "patient must be a Patient id", OperationOutcome.IssueType.Value));
            }
        }
        var dates = new List<DateFilter>();
        foreach (var name in new[] { "date", "authored" })
        {
            foreach (var value in query[name])
            {
                var v = value ?? "";
                var prefix = v.Length > 2 && char.IsLetter(v[0]) ? v[..2] : "eq";
                var rest = v.Length > 2 && char.IsLetter(v[0]) ? v[2..] : v;
                if (prefix is not ("eq" or "ge" or "le" or "gt" or "lt")
                    || !DateTimeOffset.TryParse(rest, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
                {
                    problems.Add(new(name, $"{name} must be a date with an optional prefix ge, le, gt, lt or eq, such as ge2026-01-01", OperationOutcome.IssueType.Value));
                    continue;
                }
                dates.Add(new DateFilter(prefix, at));
            }
        }
        var newestFirst = false;
        if (query.TryGetValue("_sort", out var sort))
        {
            switch (sort.ToString())
            {
                case "-authored" or "-date":
                    newestFirst = true;
                    break;
                case "authored" or "date":
                    break;
                default:
                    problems.Add(new("_sort", "_sort must be authored, -authored, date or -date", OperationOutcome.IssueType.NotSupported));
                    break;
            }
        }
        var count = MaxCount;
        if (query.TryGetValue("_count", out var c))
        {
            if (int.TryParse(c.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                count = Math.Min(n, MaxCount);
            }
            else
            {
                problems.Add(new("_count", "_count must be a whole number of 0 or more", OperationOutcome.IssueType.Value));
            }
        }
        return new FhirQuery(patient, dates, newestFirst, count, problems);
    }

    /// <summary>Date filters, order and count, applied in the database.</summary>
    public static IQueryable<CheckIn> Apply(IQueryable<CheckIn> rows, FhirQuery q) => Apply(rows, c => c.At, q);

    /// <summary>
    /// Date filters, order and count on the time <paramref name="at"/> selects, applied in the database; the
    /// same for check-ins and completed measures so a search across both filters and counts them alike.
    /// </summary>
    public static IQueryable<T> Apply<T>(IQueryable<T> rows, Expression<Func<T, DateTimeOffset>> at, FhirQuery q)
    {
        foreach (var d in q.Dates)
        {
            // A date without a time means the whole day for eq, and its start otherwise. The bound is read
            // from an object, as a closure would be, so the database gets a parameter rather than a literal.
            LinqExpression bound = LinqExpression.Property(LinqExpression.Constant(new Bound(d.At)), nameof(Bound.At));
            LinqExpression test = d.Prefix switch
            {
                "ge" => LinqExpression.GreaterThanOrEqual(at.Body, bound),
                "gt" => LinqExpression.GreaterThan(at.Body, bound),
                "le" => LinqExpression.LessThanOrEqual(at.Body, bound),
                "lt" => LinqExpression.LessThan(at.Body, bound),
                _ => LinqExpression.Equal(at.Body, bound),
            };
            rows = rows.Where(LinqExpression.Lambda<Func<T, bool>>(test, at.Parameters));
        }
        rows = q.NewestFirst ? rows.OrderByDescending(at) : rows.OrderBy(at);
        return rows.Take(q.Count);
    }

    private sealed record Bound(DateTimeOffset At);

    /// <summary>
    /// The <c>questionnaire=</c> parameter of a QuestionnaireResponse search: the canonical urls asked for
    /// (commas within one value are "or", repeats are "and"), or null when it is not given. A value that is
    /// not an absolute http(s) url is a problem naming the parameter; a well-formed url we do not know simply
    /// matches nothing.
    /// </summary>
    public static IReadOnlySet<string>? Questionnaires(IQueryCollection query, List<FhirProblem> problems)
    {
        if (!query.TryGetValue("questionnaire", out var values))
        {
            return null;
        }
        HashSet<string>? wanted = null;
        foreach (var value in values)
        {
            var urls = (value ?? "").Split(',');
            if (urls.Any(u => u.Length == 0 || u.Any(char.IsWhiteSpace)
                || !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            {
                problems.Add(new("questionnaire", $"questionnaire must be the canonical url of a Questionnaire, such as {FhirMapper.WheelQuestionnaire} or {FhirMapper.MeasureQuestionnairePrefix}{{code}}", OperationOutcome.IssueType.Value));
                return null;
            }
            wanted = wanted is null ? urls.ToHashSet(StringComparer.Ordinal) : wanted.Intersect(urls, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
        }
        return wanted;
    }

    /// <summary>Date filters, order and count, applied to resources already in memory.</summary>
    public static IEnumerable<Resource> Filter(IEnumerable<Resource> resources, FhirQuery q)
    {
        var dated = resources.Select(r => (Resource: r, At: DateOf(r)));
        foreach (var d in q.Dates)
        {
            var filter = d;
            dated = dated.Where(x => x.At is { } at && filter.Prefix switch
            {
                "ge" => at >= filter.At,
                "gt" => at > filter.At,
                "le" => at <= filter.At,
                "lt" => at < filter.At,
                _ => at == filter.At,
            });
        }
        if (q.NewestFirst)
        {
            dated = dated.OrderByDescending(x => x.At);
        }
        return dated.Select(x => x.Resource).Take(q.Count);
    }

    private static DateTimeOffset? DateOf(Resource r) => r switch
    {
        QuestionnaireResponse q => FhirMapper.ParseWhen(q.Authored),
        Observation o => FhirMapper.ParseWhen((o.Effective as FhirDateTime)?.Value),
        Consent c => FhirMapper.ParseWhen(c.DateTime),
        AuditEvent a => a.Recorded,
        CarePlan c => FhirMapper.ParseWhen(c.Created),
        _ => null,
    };

    public static Bundle Searchset(IReadOnlyList<Resource> resources, string baseUrl, DateTimeOffset now)
    {
        var bundle = new Bundle { Id = Guid.NewGuid().ToString(), Type = Bundle.BundleType.Searchset, Total = resources.Count, TimestampElement = new Instant(now.ToUniversalTime()) };
        foreach (var r in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{r.TypeName}/{r.Id}",
                Resource = r,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }
        return bundle;
    }

    /// <summary>
    /// Whose plans hold the goal with this id (goals live inside the goals section's JSON; an imported copy
    /// keeps its ids, so there may be more than one). At most a few.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> GoalOwnersAsync(LivingBetterDbContext db, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var key))
        {
            return [];
        }
        var text = key.ToString("D");
        return await db.PlanSections.AsNoTracking()
            .Where(s => s.Key == Features.Plans.PlanStructure.Goals && s.Content.Contains(text))
            .Select(s => s.Plan!.PersonId).Distinct().OrderBy(p => p).Take(5).ToListAsync(ct);
    }

    /// <summary>Whose record a resource id belongs to, for the types whose ids are rows of their own.</summary>
    public static async Task<Guid?> OwnerOfAsync(LivingBetterDbContext db, string type, string id, CancellationToken ct)
    {
        // A completed measure's score Observations ({response id}-raw, -metric, -sub-{key}) belong to its person.
        if (type == "Observation" && FhirMapper.MeasureResponseIdOf(id) is { } responseId)
        {
            return await db.Set<MeasureResponse>().Where(r => r.Id == responseId).Select(r => (Guid?)r.PersonId).FirstOrDefaultAsync(ct);
        }
        if (!Guid.TryParse(id, out var key))
        {
            return null;
        }
        return type switch
        {
            "Patient" => await db.People.Where(p => p.Id == key).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct),
            "CarePlan" => await db.Plans.Where(p => p.Id == key).Select(p => (Guid?)p.PersonId).FirstOrDefaultAsync(ct),
            "QuestionnaireResponse" => await db.CheckIns.Where(c => c.Id == key).Select(c => (Guid?)c.PersonId).FirstOrDefaultAsync(ct),
            "Observation" => await db.CheckInRatings.Where(r => r.Id == key).Select(r => (Guid?)r.CheckIn!.PersonId).FirstOrDefaultAsync(ct),
            "Consent" => await db.SharingGrants.Where(g => g.Id == key).Select(g => (Guid?)g.PersonId).FirstOrDefaultAsync(ct),
            "RelatedPerson" => await db.SupporterLinks.Where(l => l.Id == key).Select(l => (Guid?)l.PersonId).FirstOrDefaultAsync(ct),
            _ => null,
        };
    }
}

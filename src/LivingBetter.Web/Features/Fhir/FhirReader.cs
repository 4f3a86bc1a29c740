using System.Collections;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>One problem with incoming FHIR, named by the FHIRPath of the element at fault.</summary>
public sealed record FhirProblem(string Expression, string Message, OperationOutcome.IssueType Code = OperationOutcome.IssueType.Invalid,
    OperationOutcome.IssueSeverity Severity = OperationOutcome.IssueSeverity.Error);

/// <summary>
/// Reads FHIR JSON sent to us: size and depth limits first, then the Firely SDK's structural rules, then
/// ours (required elements, references that resolve inside the bundle, codes we know). Never throws for
/// bad input: every fault becomes a <see cref="FhirProblem"/>.
/// </summary>
public static class FhirReader
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxDepth = 48;

    private static readonly FhirJsonDeserializer Strict = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    public static readonly JsonSerializerOptions Write = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Write);

    /// <summary>The resource as UTF-8 JSON, for answers: no string in between to build and transcode.</summary>
    public static byte[] SerializeToUtf8(Resource resource) => JsonSerializer.SerializeToUtf8Bytes(resource, resource.GetType(), Write);

    /// <summary>Parses one resource of type <typeparamref name="T"/>, or explains why not.</summary>
    public static (T? Resource, List<FhirProblem> Problems) Parse<T>(ReadOnlySpan<byte> json) where T : Resource
    {
        var problems = new List<FhirProblem>();
        if (json.Length > MaxBytes)
        {
            problems.Add(new(typeof(T).Name, $"The body is larger than the limit of {MaxBytes / 1024 / 1024} MB", OperationOutcome.IssueType.TooCostly));
            return (null, problems);
        }
        if (json.Length == 0)
        {
            problems.Add(new(typeof(T).Name, "The body is empty: send a FHIR JSON resource", OperationOutcome.IssueType.Required));
            return (null, problems);
        }
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new(typeof(T).Name, "The body must be a JSON object", OperationOutcome.IssueType.Structure));
                return (null, problems);
            }
        }
        catch (JsonException e)
        {
            var tooDeep = e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);
            problems.Add(new(tooDeep ? TooDeepAt(json, typeof(T).Name) : typeof(T).Name, tooDeep
                ? $"The JSON is nested more than {MaxDepth} levels deep"
                : $"The body is not valid JSON (line {e.LineNumber + 1}, position {e.BytePositionInLine + 1})",
                tooDeep ? OperationOutcome.IssueType.TooCostly : OperationOutcome.IssueType.Structure));
            return (null, problems);
        }
        Resource? resource;
        IEnumerable<CodedException>? errors;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
            Strict.TryDeserializeResource(reader, out resource, out errors);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or DeserializationFailedException)
        {
            problems.Add(new(typeof(T).Name, "The body is not a FHIR R4 resource: " + e.Message, OperationOutcome.IssueType.Structure));
            return (null, problems);
        }
        foreach (var error in errors ?? [])
        {
            var path = error is ExtendedCodedException x && !string.IsNullOrEmpty(x.InstancePath) ? x.InstancePath : typeof(T).Name;
            problems.Add(new(path, error.Message, OperationOutcome.IssueType.Structure));
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        if (resource is not T typed)
        {
            problems.Add(new("resourceType", $"Expected a {typeof(T).Name}, got {resource?.TypeName ?? "nothing"}", OperationOutcome.IssueType.Invalid));
            return (null, problems);
        }
        return (typed, problems);
    }

    /// <summary>
    /// Where JSON first nests past <see cref="MaxDepth"/>, as a FHIRPath-like expression from <paramref name="root"/>
    /// (<c>Bundle.entry[3].resource.item[0].item[0]…</c>), so the problem names the element and not just the body.
    /// </summary>
    private static string TooDeepAt(ReadOnlySpan<byte> json, string root)
    {
        // One frame per open object or array: the property that holds it and, for an array, the index reached.
        var frames = new List<(string? Name, bool IsArray, int Index)>();
        string? property = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    frames.RemoveAt(frames.Count - 1);
                    continue;
                }
                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                }
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add((property, reader.TokenType == JsonTokenType.StartArray, -1));
                }
                property = null;
            }
        }
        catch (JsonException)
        {
            // Stopped at the limit (or at a syntax fault past it): the frames lead to that place.
        }
        var path = new System.Text.StringBuilder(root);
        for (var i = 1; i < frames.Count; i++)
        {
            path.Append(frames[i - 1].IsArray ? $"[{Math.Max(0, frames[i - 1].Index)}]" : $".{frames[i].Name}");
        }
        if (frames.Count > 0)
        {
            path.Append(frames[^1].IsArray ? $"[{frames[^1].Index + 1}]" : property is null ? "" : $".{property}");
        }
        return path.ToString();
    }

    /// <summary>
    /// Reads a person's record out of a bundle. <paramref name="knownDomains"/> are the life-domain keys
    /// the importing person may rate (null: accept any). Returns no record when anything is wrong.
    /// </summary>
    public static (FhirPersonRecord? Record, List<FhirProblem> Problems) ToRecord(Bundle bundle, IReadOnlySet<string>? knownDomains = null)
    {
        var problems = new List<FhirProblem>();
        if (bundle.Type is not (Bundle.BundleType.Collection or Bundle.BundleType.Searchset or Bundle.BundleType.Transaction or Bundle.BundleType.Batch))
        {
            problems.Add(new("Bundle.type", "Bundle.type must be collection, searchset, transaction or batch", OperationOutcome.IssueType.CodeInvalid));
        }
        var entries = bundle.Entry.Select((e, i) => (Resource: e.Resource, Path: $"Bundle.entry[{i}].resource")).ToList();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (resource, path) in entries)
        {
            if (resource is null)
            {
                problems.Add(new(path, "Each entry must hold a resource", OperationOutcome.IssueType.Required));
                continue;
            }
            if (string.IsNullOrEmpty(resource.Id))
            {
                problems.Add(new(path + ".id", $"The {resource.TypeName} has no id", OperationOutcome.IssueType.Required));
                continue;
            }
            if (!present.Add($"{resource.TypeName}/{resource.Id}"))
            {
                problems.Add(new(path + ".id", $"{resource.TypeName}/{resource.Id} appears more than once", OperationOutcome.IssueType.Duplicate));
            }
        }
        foreach (var (resource, path) in entries)
        {
            if (resource is not null)
            {
                CheckReferences(resource, path, present, problems);
            }
        }

        var patients = entries.Where(e => e.Resource is Patient).ToList();
        if (patients.Count != 1)
        {
            problems.Add(new("Bundle.entry", $"The bundle must hold exactly one Patient (it holds {patients.Count})", OperationOutcome.IssueType.Required));
            return (null, problems);
        }
        var patientPath = patients[0].Path;
        var patient = (Patient)patients[0].Resource!;
        _ = Guid.TryParse(patient.Id, out var personId);
        var name = patient.Name.FirstOrDefault()?.Text ?? string.Join(' ', patient.Name.FirstOrDefault()?.Given ?? []);
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(new(patientPath + ".name", "The Patient needs a name", OperationOutcome.IssueType.Required));
        }
        else if (name.Length > Model.Person.NameMaxLength)
        {
            problems.Add(new(patientPath + ".name[0].text", $"The name must be {Model.Person.NameMaxLength} characters or fewer"));
        }
        int? birthYear = null;
        DateOnly? birthDate = null;
        if (patient.BirthDate is { Length: >= 4 } bd)
        {
            if (int.TryParse(bd[..4], out var y))
            {
                birthYear = y;
                if (bd.Length == 10 && DateOnly.TryParseExact(bd, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var full))
                {
                    birthDate = full;
                }
            }
            else
            {
                problems.Add(new(patientPath + ".birthDate", "birthDate must start with a four-digit year"));
            }
        }

        var plans = new List<FhirPlan>();
        foreach (var (resource, path) in entries)
        {
            if (resource is CarePlan carePlan && ReadPlan(carePlan, path, problems) is { } plan)
            {
                if (plans.Any(p => p.Kind == plan.Kind))
                {
                    problems.Add(new(path + ".category", $"The bundle holds more than one {plan.Title}", OperationOutcome.IssueType.Duplicate));
                }
                plans.Add(plan);
            }
        }
        foreach (var (resource, path) in entries)
        {
            if (resource is Questionnaire q)
            {
                CheckMeasureQuestionnaire(q, path, problems);
            }
        }
        var checkIns = new List<FhirCheckIn>();
        var measures = new List<FhirMeasureResponse>();
        foreach (var (resource, path) in entries)
        {
            if (resource is QuestionnaireResponse mq && mq.Questionnaire?.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true)
            {
                if (ReadMeasure(mq, path, problems) is { } m)
                {
                    measures.Add(m);
                }
            }
            else if (resource is QuestionnaireResponse qr && ReadCheckIn(qr, path, knownDomains, problems) is { } c)
            {
                checkIns.Add(c);
            }
        }
        // Supporters the bundle names: read for an administrator's import, which shows them to the person
        // (never linked to accounts for them); the person's own import leaves them out (ADR 0013).
        var supporters = new List<FhirSupporter>();
        foreach (var (resource, _) in entries)
        {
            if (resource is RelatedPerson rp)
            {
                var userId = Guid.TryParse(rp.Identifier.FirstOrDefault(i => i.System == FhirMapper.UserIdSystem)?.Value, out var u) ? u : Guid.Empty;
                var supporterName = rp.Name.FirstOrDefault()?.Text ?? string.Join(' ', rp.Name.FirstOrDefault()?.Given ?? []);
                var relationship = rp.Relationship.FirstOrDefault()?.Text ?? rp.Relationship.FirstOrDefault()?.Coding.FirstOrDefault()?.Display ?? "";
                supporters.Add(new FhirSupporter(Guid.TryParse(rp.Id, out var sid) ? sid : Guid.Empty, userId,
                    Truncate(string.IsNullOrWhiteSpace(supporterName) ? "Someone" : supporterName.Trim(), 100), Truncate(relationship.Trim(), 60),
                    FhirMapper.ParseWhen(rp.Period?.Start) ?? DateTimeOffset.UnixEpoch, FhirMapper.ParseWhen(rp.Period?.End)));
            }
        }
        var consents = new List<FhirConsent>();
        foreach (var (resource, path) in entries)
        {
            if (resource is Consent consent && ReadConsent(consent, path, problems) is { } c)
            {
                consents.Add(c);
            }
        }
        foreach (var (resource, path) in entries)
        {
            if (resource is { } r && SubjectOf(r) is { } subject && subject != FhirMapper.PatientRef(personId) && patient.Id is not null && subject != $"Patient/{patient.Id}")
            {
                problems.Add(new(path, $"This {r.TypeName} is about {subject}, not the bundle's Patient", OperationOutcome.IssueType.Invalid));
            }
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var record = new FhirPersonRecord
        {
            PersonId = personId,
            PreferredName = name.Trim(),
            BirthYear = birthYear,
            BirthDate = birthDate,
            Gender = patient.GetStringExtension(FhirMapper.ExtGender),
            Supporters = supporters,
            Plans = plans,
            CheckIns = checkIns,
            Measures = measures,
            Consents = consents,
        };
        return (record, problems);
    }

    private static string Truncate(string text, int max) => text.Length > max ? text[..max] : text;

    private static string? SubjectOf(Resource r) => r switch
    {
        CarePlan c => c.Subject?.Reference,
        QuestionnaireResponse q => q.Subject?.Reference,
        Consent c => c.Patient?.Reference,
        Observation o => o.Subject?.Reference,
        Hl7.Fhir.Model.Goal g => g.Subject?.Reference,
        _ => null,
    };

    private static FhirPlan? ReadPlan(CarePlan cp, string path, List<FhirProblem> problems)
    {
        var before = problems.Count;
        if (!Guid.TryParse(cp.Id, out var id))
        {
            problems.Add(new(path + ".id", "A CarePlan's id must be a UUID"));
        }
        var kindCode = cp.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == FhirMapper.PlanKindSystem)?.Code;
        PlanKind? kind = kindCode switch
        {
            PlanStructure.StayingWellSlug => PlanKind.StayingWell,
            PlanStructure.WellbeingSlug => PlanKind.Wellbeing,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(new(path + ".category", $"A CarePlan needs a category from {FhirMapper.PlanKindSystem}: staying-well or wellbeing", OperationOutcome.IssueType.CodeInvalid));
        }
        if (cp.Subject?.Reference is null)
        {
            problems.Add(new(path + ".subject", "A CarePlan needs a subject", OperationOutcome.IssueType.Required));
        }
        var created = FhirMapper.ParseWhen(cp.Created);
        if (created is null)
        {
            problems.Add(new(path + ".created", "A CarePlan needs created as a full date and time", OperationOutcome.IssueType.Required));
        }
        var sections = new List<FhirSection>();
        for (var i = 0; i < cp.Activity.Count; i++)
        {
            var a = cp.Activity[i];
            var ap = $"{path}.activity[{i}]";
            var key = a.Detail?.Code?.Coding.FirstOrDefault(c => c.System == FhirMapper.SectionSystem)?.Code;
            var def = kind is { } k && key is not null ? PlanStructure.Find(k, key) : null;
            if (def is null)
            {
                problems.Add(new(ap + ".detail.code", $"'{key}' is not a section of this plan", OperationOutcome.IssueType.CodeInvalid));
                continue;
            }
            if (sections.Any(s => s.Key == def.Key))
            {
                problems.Add(new(ap + ".detail.code", $"The section '{def.Title}' appears more than once", OperationOutcome.IssueType.Duplicate));
                continue;
            }
            var state = FhirMapper.SectionStateFrom(a.Detail!.Status);
            if (state is null)
            {
                problems.Add(new(ap + ".detail.status", "detail.status must be not-started, in-progress or completed", OperationOutcome.IssueType.CodeInvalid));
            }
            var content = a.GetStringExtension(FhirMapper.ExtSectionContent);
            if (content is null)
            {
                problems.Add(new(ap + $".extension('{FhirMapper.ExtSectionContent}')", "The section's content is missing", OperationOutcome.IssueType.Required));
                continue;
            }
            if (!ContentFits(def, content))
            {
                problems.Add(new(ap + $".extension('{FhirMapper.ExtSectionContent}')", $"The content of '{def.Title}' is not in the shape this section uses"));
                continue;
            }
            var version = a.GetExtension(FhirMapper.ExtSectionVersion)?.Value is Integer { Value: { } v } ? v : 1;
            var updated = FhirMapper.ParseWhen((a.GetExtension(FhirMapper.ExtSectionUpdated)?.Value as FhirDateTime)?.Value) ?? created ?? DateTimeOffset.UnixEpoch;
            var history = ReadHistory(a, ap, def, version, problems);
            sections.Add(new FhirSection(def.Key, state ?? SectionState.NotStarted, version, content, updated) { History = history });
        }
        if (problems.Count > before)
        {
            return null;
        }
        var updatedAt = cp.Meta?.LastUpdated ?? created!.Value;
        return new FhirPlan(id, kind!.Value, cp.Title ?? "", created!.Value, updatedAt.ToUniversalTime(), sections);
    }

    /// <summary>
    /// A section's earlier versions from its <c>plan-section-history</c> extensions: each with a version number
    /// below the section's own, used once, content in the section's shape, a full save time and a reason that fits.
    /// </summary>
    private static List<FhirSectionVersion> ReadHistory(CarePlan.ActivityComponent activity, string path, SectionDef def, int version, List<FhirProblem> problems)
    {
        var history = new List<FhirSectionVersion>();
        var entries = activity.Extension.Where(e => e.Url == FhirMapper.ExtSectionHistory).ToList();
        for (var j = 0; j < entries.Count; j++)
        {
            var e = entries[j];
            var hp = $"{path}.extension('{FhirMapper.ExtSectionHistory}')[{j}]";
            var number = e.GetExtension("version")?.Value is Integer { Value: { } n } ? n : (int?)null;
            if (number is null || number < 1 || number >= version)
            {
                problems.Add(new(hp + ".extension('version')", $"An earlier version of '{def.Title}' needs a version number from 1 to {version - 1}", OperationOutcome.IssueType.Value));
                continue;
            }
            if (history.Any(h => h.Number == number))
            {
                problems.Add(new(hp + ".extension('version')", $"Version {number} of '{def.Title}' appears more than once", OperationOutcome.IssueType.Duplicate));
                continue;
            }
            var content = (e.GetExtension("content")?.Value as FhirString)?.Value;
            if (content is null || !ContentFits(def, content))
            {
                problems.Add(new(hp + ".extension('content')", $"Version {number} of '{def.Title}' is missing its content or it is not in the shape this section uses"));
                continue;
            }
            var saved = FhirMapper.ParseWhen((e.GetExtension("saved")?.Value as FhirDateTime)?.Value);
            if (saved is null)
            {
                problems.Add(new(hp + ".extension('saved')", $"Version {number} of '{def.Title}' needs the full date and time it was saved", OperationOutcome.IssueType.Required));
                continue;
            }
            var reason = (e.GetExtension("reason")?.Value as FhirString)?.Value ?? "";
            if (reason.Length > ReasonMaxLength)
            {
                problems.Add(new(hp + ".extension('reason')", $"The reason for version {number} of '{def.Title}' must be {ReasonMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
                continue;
            }
            history.Add(new FhirSectionVersion(number.Value, content, saved.Value, reason));
        }
        return history.OrderBy(h => h.Number).ToList();
    }

    /// <summary>As PlanSectionVersion.Reason is stored.</summary>
    public const int ReasonMaxLength = 120;

    /// <summary>Content must parse into the section's record and stay within its limits when written back.</summary>
    private static bool ContentFits(SectionDef def, string json)
    {
        if (json.Length > 200_000)
        {
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            return JsonSerializer.Deserialize(json, def.ContentType, SectionContent.Json) is not null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The longest linkId or option code a measure's response may carry (definitions use short ones).</summary>
    public const int MeasureCodeMaxLength = 200;

    /// <summary>
    /// A completed outcome measure's response: id, authored time, and per item one answer with a coded option.
    /// Only codes are read; the measure is resolved and the answers re-scored by the importer (imported scores
    /// and values are not trusted). With <paramref name="requireId"/> false (a create, where the server gives
    /// the id and the time) neither id nor authored is needed.
    /// </summary>
    public static FhirMeasureResponse? ReadMeasure(QuestionnaireResponse qr, string path, List<FhirProblem> problems, bool requireId = true)
    {
        var before = problems.Count;
        var id = Guid.Empty;
        if (requireId && !Guid.TryParse(qr.Id, out id))
        {
            problems.Add(new(path + ".id", "A QuestionnaireResponse's id must be a UUID"));
        }
        if (qr.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            problems.Add(new(path + ".status", "Only a completed QuestionnaireResponse is a measure", OperationOutcome.IssueType.CodeInvalid));
        }
        var code = qr.Questionnaire![FhirMapper.MeasureQuestionnairePrefix.Length..];
        if (code.Length is 0 or > MeasureDefinition.CodeMaxLength)
        {
            problems.Add(new(path + ".questionnaire", "The measure's code is missing or too long", OperationOutcome.IssueType.CodeInvalid));
        }
        if (qr.Subject?.Reference is null)
        {
            problems.Add(new(path + ".subject", "A QuestionnaireResponse needs a subject", OperationOutcome.IssueType.Required));
        }
        var at = FhirMapper.ParseWhen(qr.Authored);
        if (at is null && requireId)
        {
            problems.Add(new(path + ".authored", "authored must be a full date and time", OperationOutcome.IssueType.Required));
        }
        var answers = new List<FhirMeasureAnswer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, i) in qr.Item.Select((item, i) => (item, i)))
        {
            var ip = $"{path}.item[{i}]";
            if (item.LinkId?.Length > MeasureCodeMaxLength)
            {
                problems.Add(new(ip + ".linkId", $"A linkId must be {MeasureCodeMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
                continue;
            }
            if (string.IsNullOrEmpty(item.LinkId) || !seen.Add(item.LinkId))
            {
                problems.Add(new(ip + ".linkId", "Each item needs a linkId, used once", OperationOutcome.IssueType.Invalid));
                continue;
            }
            // A measure's questions are flat: nested items would be silently dropped, so they are refused.
            if (item.Item.Count > 0 || item.Answer.Any(a => a.Item.Count > 0))
            {
                problems.Add(new(ip + (item.Item.Count > 0 ? ".item" : ".answer[0].item"), "A measure's items are not nested", OperationOutcome.IssueType.Structure));
                continue;
            }
            if (item.Answer.Count != 1 || item.Answer[0].Value is not Coding { Code: { Length: > 0 } option })
            {
                problems.Add(new(ip + ".answer", "Each answered item needs exactly one answer with a valueCoding code", OperationOutcome.IssueType.Invalid));
                continue;
            }
            if (option.Length > MeasureCodeMaxLength)
            {
                problems.Add(new(ip + ".answer[0].valueCoding", $"An option's code must be {MeasureCodeMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
                continue;
            }
            answers.Add(new FhirMeasureAnswer(item.LinkId, option, 0));
        }
        return problems.Count > before ? null : new FhirMeasureResponse(id, code, at ?? DateTimeOffset.UnixEpoch, answers, null, null) { Path = path };
    }

    /// <summary>
    /// A measure's Questionnaire is informative only (the importing organisation's own definition decides and
    /// scores): only its id and url must agree, <c>measure-{code}</c> and <c>…/Questionnaire/measure-{code}</c>.
    /// </summary>
    private static void CheckMeasureQuestionnaire(Questionnaire q, string path, List<FhirProblem> problems)
    {
        const string idPrefix = "measure-";
        if (q.Id?.StartsWith(idPrefix, StringComparison.Ordinal) == true)
        {
            var expected = FhirMapper.MeasureQuestionnairePrefix + q.Id[idPrefix.Length..];
            if (q.Url != expected)
            {
                problems.Add(new(path + ".url", $"The url of Questionnaire/{q.Id} must be {expected}", OperationOutcome.IssueType.Invalid));
            }
        }
        else if (q.Url?.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true)
        {
            problems.Add(new(path + ".id", $"The id of the Questionnaire {q.Url} must be {idPrefix}{q.Url[FhirMapper.MeasureQuestionnairePrefix.Length..]}", OperationOutcome.IssueType.Invalid));
        }
    }

    public static FhirCheckIn? ReadCheckIn(QuestionnaireResponse qr, string path, IReadOnlySet<string>? knownDomains, List<FhirProblem> problems,
        int? scaleMin = null, int? scaleMax = null, bool requireId = true, bool requireAllDomains = false)
    {
        var before = problems.Count;
        var id = Guid.Empty;
        if (requireId && !Guid.TryParse(qr.Id, out id))
        {
            problems.Add(new(path + ".id", "A QuestionnaireResponse's id must be a UUID"));
        }
        if (qr.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
        {
            problems.Add(new(path + ".status", "Only a completed QuestionnaireResponse is a check-in", OperationOutcome.IssueType.CodeInvalid));
        }
        if (qr.Questionnaire != FhirMapper.WheelQuestionnaire)
        {
            problems.Add(new(path + ".questionnaire", $"questionnaire must be {FhirMapper.WheelQuestionnaire}", OperationOutcome.IssueType.CodeInvalid));
        }
        if (qr.Subject?.Reference is null)
        {
            problems.Add(new(path + ".subject", "A QuestionnaireResponse needs a subject", OperationOutcome.IssueType.Required));
        }
        var at = FhirMapper.ParseWhen(qr.Authored);
        if (at is null && requireId)
        {
            problems.Add(new(path + ".authored", "authored must be a full date and time", OperationOutcome.IssueType.Required));
        }
        var min = scaleMin ?? (qr.GetExtension(FhirMapper.ExtScaleMin)?.Value as Integer)?.Value;
        var max = scaleMax ?? (qr.GetExtension(FhirMapper.ExtScaleMax)?.Value as Integer)?.Value;
        if (min is null || max is null || min >= max)
        {
            problems.Add(new(path + $".extension('{FhirMapper.ExtScaleMin}')", "The rating scale (lowest and highest) is missing or wrong", OperationOutcome.IssueType.Required));
        }
        var note = qr.GetStringExtension(FhirMapper.ExtCheckInNote) ?? "";
        if (note.Length > CheckIn.NoteMaxLength)
        {
            problems.Add(new(path + $".extension('{FhirMapper.ExtCheckInNote}')", $"Note must be {CheckIn.NoteMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
        }
        var ratings = new List<FhirRating>();
        for (var i = 0; i < qr.Item.Count; i++)
        {
            var item = qr.Item[i];
            var ip = $"{path}.item[{i}]";
            if (string.IsNullOrEmpty(item.LinkId) || (knownDomains is not null && !knownDomains.Contains(item.LinkId)))
            {
                problems.Add(new(ip + ".linkId", $"'{item.LinkId}' is not one of the life domains"
                    + (knownDomains is null ? "" : $" ({string.Join(", ", knownDomains.Order(StringComparer.Ordinal))})"), OperationOutcome.IssueType.CodeInvalid));
                continue;
            }
            if (ratings.Any(r => string.Equals(r.DomainKey, item.LinkId, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new(ip + ".linkId", $"{item.LinkId} is rated more than once", OperationOutcome.IssueType.Duplicate));
                continue;
            }
            int? rating = null;
            if (item.Answer.Count > 1)
            {
                problems.Add(new(ip + ".answer", "Give one answer for each life domain"));
            }
            else if (item.Answer.Count == 1)
            {
                if (item.Answer[0].Value is Integer { Value: { } v })
                {
                    rating = v;
                    if (min is not null && max is not null && (v < min || v > max))
                    {
                        problems.Add(new(ip + ".answer[0].valueInteger", $"Rating for {item.Text ?? item.LinkId} must be between {min} and {max}", OperationOutcome.IssueType.Value));
                    }
                }
                else
                {
                    problems.Add(new(ip + ".answer[0]", "The answer must be a valueInteger"));
                }
            }
            var ratingNote = item.GetStringExtension(FhirMapper.ExtRatingNote) ?? "";
            if (ratingNote.Length > CheckIn.NoteMaxLength)
            {
                problems.Add(new(ip + $".extension('{FhirMapper.ExtRatingNote}')", $"Note must be {CheckIn.NoteMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
            }
            var ratingId = Guid.TryParse((item.GetExtension(FhirMapper.ExtRatingId)?.Value as Id)?.Value, out var rid) ? rid : Guid.NewGuid();
            var worker = (item.GetExtension(FhirMapper.ExtWorkerRating)?.Value as Integer)?.Value;
            var wantsHelp = item.GetExtension(FhirMapper.ExtWantsHelp)?.Value is FhirBoolean { Value: true };
            ratings.Add(new FhirRating(ratingId, item.LinkId, item.Text ?? item.LinkId, rating, worker, wantsHelp, ratingNote));
        }
        if (knownDomains is not null && requireAllDomains)
        {
            foreach (var missing in knownDomains.Where(k => !ratings.Any(r => string.Equals(r.DomainKey, k, StringComparison.OrdinalIgnoreCase))).Order(StringComparer.Ordinal))
            {
                problems.Add(new(path + ".item", $"{missing} is missing: rate it or leave its answer out to skip it", OperationOutcome.IssueType.Required));
            }
        }
        return problems.Count > before ? null : new FhirCheckIn(id, at ?? DateTimeOffset.UnixEpoch, note, min!.Value, max!.Value, ratings);
    }

    private static FhirConsent? ReadConsent(Consent c, string path, List<FhirProblem> problems)
    {
        var before = problems.Count;
        if (!Guid.TryParse(c.Id, out var id))
        {
            problems.Add(new(path + ".id", "A Consent's id must be a UUID"));
        }
        if (c.Status is null)
        {
            problems.Add(new(path + ".status", "A Consent needs a status", OperationOutcome.IssueType.Required));
        }
        if (c.Scope is null)
        {
            problems.Add(new(path + ".scope", "A Consent needs a scope", OperationOutcome.IssueType.Required));
        }
        if (c.Category.Count == 0)
        {
            problems.Add(new(path + ".category", "A Consent needs a category", OperationOutcome.IssueType.Required));
        }
        var created = FhirMapper.ParseWhen(c.DateTime);
        if (created is null)
        {
            problems.Add(new(path + ".dateTime", "A Consent needs dateTime as a full date and time", OperationOutcome.IssueType.Required));
        }
        var provision = c.Provision;
        var partCode = provision?.Class.FirstOrDefault(x => x.System == FhirMapper.SharedPartSystem)?.Code;
        var part = FhirMapper.SharedPartFrom(partCode);
        if (part is null)
        {
            problems.Add(new(path + ".provision.class", $"'{partCode}' is not a part of a record that can be shared", OperationOutcome.IssueType.CodeInvalid));
        }
        var actionCode = provision?.Action.SelectMany(a => a.Coding).FirstOrDefault(x => x.System == FhirMapper.ConsentActionSystem)?.Code;
        ShareAccess? access = actionCode switch { "access" => ShareAccess.View, "correct" => ShareAccess.Suggest, _ => null };
        if (access is null)
        {
            problems.Add(new(path + ".provision.action", "provision.action must be access or correct", OperationOutcome.IssueType.CodeInvalid));
        }
        var actor = provision?.Actor.FirstOrDefault()?.Reference?.Reference;
        Guid? user = null, team = null;
        if (actor?.Split('/') is [var type, var idText] && Guid.TryParse(idText, out var actorId) && type is "Practitioner" or "CareTeam")
        {
            if (type == "Practitioner")
            {
                user = actorId;
            }
            else
            {
                team = actorId;
            }
        }
        else
        {
            problems.Add(new(path + ".provision.actor[0].reference", "The consent must name who it is for (a Practitioner or CareTeam)", OperationOutcome.IssueType.Required));
        }
        var expires = provision?.Period?.End is { } end ? FhirMapper.ParseWhen(end) : null;
        var withdrawn = FhirMapper.ParseWhen((c.GetExtension(FhirMapper.ExtWithdrawn)?.Value as FhirDateTime)?.Value);
        return problems.Count > before ? null : new FhirConsent(id, part!.Value, access!.Value, user, team, created!.Value, expires, withdrawn);
    }

    /// <summary>Every literal reference inside the resource must point at an entry of the bundle.</summary>
    private static void CheckReferences(Base node, string path, HashSet<string> present, List<FhirProblem> problems, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        if (node is ResourceReference { Reference: { Length: > 0 } reference })
        {
            if (!reference.StartsWith('#') && !present.Contains(reference))
            {
                problems.Add(new(path + ".reference", $"{reference} does not resolve to a resource in this bundle", OperationOutcome.IssueType.NotFound));
            }
            return;
        }
        foreach (var (name, value) in node.EnumerateElements())
        {
            if (value is Base child)
            {
                CheckReferences(child, $"{path}.{name}", present, problems, depth + 1);
            }
            else if (value is IEnumerable list and not string)
            {
                var i = 0;
                foreach (var item in list)
                {
                    if (item is Base b)
                    {
                        CheckReferences(b, $"{path}.{name}[{i}]", present, problems, depth + 1);
                    }
                    i++;
                }
            }
        }
    }

    public static OperationOutcome Outcome(IEnumerable<FhirProblem> problems)
    {
        var outcome = new OperationOutcome();
        foreach (var p in problems)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = p.Severity,
                Code = p.Code,
                Diagnostics = p.Message,
                Details = new CodeableConcept { Text = p.Message },
                // An issue about no element in particular (not found, not signed in) names none: FHIR allows no empty string.
                Expression = p.Expression.Length > 0 ? [p.Expression] : [],
            });
        }
        return outcome;
    }
}

using System.Globalization;
using Hl7.Fhir.Model;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>
/// The FHIR R4 REST endpoints under /fhir. Callers authenticate as on the rest of the site (the signed-in
/// session; see ADR 0013). Everything a person's record holds is read through <see cref="FhirRecords"/>,
/// so only what <see cref="PersonAccess"/> allows is ever returned, and every read is in the access log.
/// Anything the caller may not see is 404 with an OperationOutcome that says nothing about it.
/// </summary>
public static class FhirApi
{
    public const string ContentType = "application/fhir+json; charset=utf-8";

    /// <summary>Resource types that can be searched and read here.</summary>
    public static readonly IReadOnlyList<string> Types =
        ["Patient", "CarePlan", "Goal", "Questionnaire", "QuestionnaireResponse", "Observation", "Consent", "RelatedPerson", "CareTeam", "Practitioner", "AuditEvent"];

    public static IResult Fhir(Resource resource, int status = StatusCodes.Status200OK) =>
        Results.Text(FhirReader.SerializeToUtf8(resource), ContentType, status);

    public static IResult Problems(IEnumerable<FhirProblem> problems, int status = StatusCodes.Status400BadRequest) =>
        Fhir(FhirReader.Outcome(problems), status);

    public static IResult NotFound() =>
        Problems([new FhirProblem("", "Not found, or not shared with you", OperationOutcome.IssueType.NotFound)], StatusCodes.Status404NotFound);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}/fhir";

    public static WebApplication MapFhirApi(this WebApplication app)
    {
        // The FHIR API is described by its CapabilityStatement (/fhir/metadata), the FHIR way, not by the
        // OpenAPI document of the app's own JSON API; see ADR 0013.
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();

        fhir.MapGet("/metadata", (HttpRequest request, TimeProvider time) => Fhir(Capability(BaseUrl(request), time.GetUtcNow()))).AllowAnonymous();

        fhir.MapGet("/Patient/{personId:guid}/$everything", async (Guid personId, HttpRequest request, FhirRecords records, TimeProvider time, CancellationToken ct) =>
        {
            var record = await records.ReadAsync(personId, "fhir.everything", ct);
            return record is null ? NotFound() : Fhir(FhirMapper.ToBundle(record, BaseUrl(request), time.GetUtcNow()));
        });

        fhir.MapPost("/Patient/{personId:guid}/$import", async (Guid personId, HttpRequest request, PersonAccess access, CurrentUser current, FhirRecords records, CancellationToken ct) =>
        {
            var grant = await access.RequireAsync(personId, SharedPart.StayingWellPlan, AccessLevel.Owner, "fhir.import", ct);
            if (grant is null)
            {
                return NotFound();
            }
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return Problems([new FhirProblem("Bundle", $"The body is larger than the limit of {FhirReader.MaxBytes / 1024 / 1024} MB", OperationOutcome.IssueType.TooCostly)], StatusCodes.Status413PayloadTooLarge);
            }
            var result = await records.ImportAsync(grant.Person, current.RequiredId, body, ct);
            if (!result.Imported)
            {
                return Problems(result.Problems);
            }
            var done = new List<FhirProblem>(result.Problems)
            {
                new("Bundle", $"Imported: {result.Sections} plan sections changed, {result.CheckIns} check-ins and {result.Consents} consents added",
                    OperationOutcome.IssueType.Informational, OperationOutcome.IssueSeverity.Information),
            };
            return Problems(done, StatusCodes.Status200OK);
        });

        // An organisation administrator brings in a person's record for one of their teams (ADR 0023). The
        // bundle is the body; the team, the person's agreement and the duplicate check are query parameters.
        fhir.MapPost("/Patient/$import-record", async (HttpRequest request, FhirRecordImport import, CancellationToken ct) =>
        {
            var teams = await import.TeamsAsync(ct);
            if (teams.Count == 0)
            {
                return NotFound();
            }
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return Problems([new FhirProblem("Bundle", $"The body is larger than the limit of {FhirReader.MaxBytes / 1024 / 1024} MB", OperationOutcome.IssueType.TooCostly)], StatusCodes.Status413PayloadTooLarge);
            }
            var q = request.Query;
            var problems = new List<FhirProblem>();
            Guid? teamId = null;
            if (q["team"].Count > 0)
            {
                if (Guid.TryParse(q["team"].ToString(), out var t))
                {
                    teamId = t;
                }
                else
                {
                    problems.Add(new FhirProblem("team", "team must be the id of one of your organisation's teams"));
                }
            }
            bool Flag(string name)
            {
                var text = q[name].ToString();
                if (text.Length > 0 && !bool.TryParse(text, out _))
                {
                    problems.Add(new FhirProblem(name, $"{name} must be true or false"));
                }
                return bool.TryParse(text, out var value) && value;
            }
            var agreed = Flag("personAgreed");
            var different = Flag("differentPerson");
            if (problems.Count > 0)
            {
                return Problems(problems);
            }
            var result = await import.ImportAsync(teams, new RecordImportRequest(teamId, agreed, different, q["source"].ToString()), body, ct);
            if (result.Similar.Count > 0)
            {
                var names = string.Join(", ", result.Similar);
                return Problems([new FhirProblem("differentPerson", $"{result.Problems[0].Message} ({names}); to import anyway, add differentPerson=true",
                    OperationOutcome.IssueType.Duplicate)], StatusCodes.Status409Conflict);
            }
            if (!result.Imported)
            {
                return Problems(result.Problems);
            }
            request.HttpContext.Response.Headers.Location = $"/fhir/Patient/{result.PersonId}";
            return Problems([new FhirProblem("Bundle",
                $"Imported as Patient/{result.PersonId}, unclaimed: {result.Sections} plan sections, {result.CheckIns} check-ins, {result.Measures} completed measures; {result.WaitingConsents} consents wait for the person to claim the record and turn them on. Make a claim code at /organisation/imported/{result.PersonId}",
                OperationOutcome.IssueType.Informational, OperationOutcome.IssueSeverity.Information)], StatusCodes.Status201Created);
        });

        fhir.MapGet("/{type}", async (string type, HttpRequest request, PersonAccess access, FhirRecords records, AuditLog audit, TimeProvider time, CancellationToken ct) =>
{
    if (!Types.Contains(type))
    {
        return Problems([new FhirProblem(type, $"'{type}' is not a resource type this server supports", OperationOutcome.IssueType.NotSupported)], StatusCodes.Status404NotFound);
    }
    var query = request.Query;
    var parsed = FhirSearch.Parse(query);
    var questionnaires = type == "QuestionnaireResponse" ? FhirSearch.Questionnaires(query, parsed.Problems) : null;
    if (parsed.Problems.Count > 0)
    {
        return Problems(parsed.Problems);
    }
    Guid personId;
    if (parsed.Patient is { } p)
    {
        personId = p;
    }
    else if (await access.MyPersonAsync(ct) is { } me)
    {
        personId = me.Id;
    }
    else
    {
        return Fhir(FhirSearch.Searchset([], BaseUrl(request), time.GetUtcNow()));
    }
    if (type == "QuestionnaireResponse")
    {
        // As PersonAccess.RequireAsync(personId, ...), with the person read by a compiled, untracked query:
        // an unknown person is logged as a denial with no person, a known one by the access decision.
        const string action = "fhir.search.QuestionnaireResponse";
        var wantCheckIns = questionnaires is null || questionnaires.Contains(FhirMapper.WheelQuestionnaire);
        var codes = questionnaires?.Where(u => u.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal))
            .Select(u => u[FhirMapper.MeasureQuestionnairePrefix.Length..]).ToList();
        // The newest check-ins (the FHIR workload's "newest five") and, unless the search names measures, the
        // newest completed measures come with the person in one read, held back until the access decision below
        // allows them.
        var newest = wantCheckIns && (codes is null || codes.Count == 0) && parsed is { Dates.Count: 0, NewestFirst: true };
        var (person, newestCheckIns, newestMeasures) = newest
            ? await records.PersonWithNewestAsync(personId, parsed.Count, codes is null ? parsed.Count : 0, ct)
            : (await records.PersonAsync(personId, ct), [], []);
        if (person is null)
        {
            await audit.RecordAsync(null, action, nameof(SharedPart.CheckIns), AuditOutcome.Denied, ct);
            return Fhir(FhirSearch.Searchset([], BaseUrl(request), time.GetUtcNow()));
        }
        if (await access.RequireAsync(person, SharedPart.CheckIns, AccessLevel.View, action, ct) is null)
        {
            return Fhir(FhirSearch.Searchset([], BaseUrl(request), time.GetUtcNow()));
        }
        // Check-ins and completed measures (both shown with the check-ins part), each filtered, ordered and
        // cut to _count in the database, then merged in the asked order and cut again.
        var found = !wantCheckIns ? []
            : newest ? newestCheckIns
            : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(records.CheckInsQuery(personId, q => FhirSearch.Apply(q, parsed)), ct);
        var measures = codes is { Count: 0 } ? [] : newest ? newestMeasures : await records.MeasuresAsync(personId, parsed, codes, ct);
        // Only the kept ones are turned into resources.
        var both = found.Select(c => (c.At, CheckIn: (FhirCheckIn?)c, Measure: (FhirMeasureResponse?)null))
            .Concat(measures.Select(m => (m.At, CheckIn: (FhirCheckIn?)null, Measure: (FhirMeasureResponse?)m)));
        var responses = (parsed.NewestFirst ? both.OrderByDescending(x => x.At) : both.OrderBy(x => x.At)).Take(parsed.Count)
            .Select(x => x.CheckIn is { } c ? (Resource)FhirMapper.ToQuestionnaireResponse(personId, c) : FhirMapper.ToQuestionnaireResponse(personId, x.Measure!))
            .ToList();
        return Fhir(FhirSearch.Searchset(responses, BaseUrl(request), time.GetUtcNow()));
    }
    var record = await records.ReadAsync(personId, "fhir.search." + type, withAccessLog: type == "AuditEvent", ct);
    var matches = record is null ? [] : FhirSearch.Filter(FhirMapper.Resources(record).Where(r => r.TypeName == type), parsed).ToList();
    return Fhir(FhirSearch.Searchset(matches, BaseUrl(request), time.GetUtcNow()));
});

        fhir.MapGet("/{type}/{id}", async (string type, string id, PersonAccess access, FhirRecords records, AuditLog audit, Data.LivingBetterDbContext db, CancellationToken ct) =>
        {
            if (!Types.Contains(type))
            {
                return NotFound();
            }
            if (type == "QuestionnaireResponse")
            {
                // A check-in on its own: one round trip reads it with its person, then the access decision
                // for check-ins (recorded, allowed or not) decides whether it is shown. An id that is no
                // check-in may be a completed measure, shown by the same decision (as the measures pages).
                const string action = "fhir.read.QuestionnaireResponse";
                var isId = Guid.TryParse(id, out var key);
                var found = isId ? await records.CheckInWithOwnerAsync(key, ct) : null;
                if (found is null)
                {
                    if (isId && await records.MeasureWithOwnerAsync(key, ct) is { } measure)
                    {
                        return await access.RequireAsync(measure.PersonId, SharedPart.CheckIns, AccessLevel.View, action, ct) is null
                            ? NotFound()
                            : Fhir(FhirMapper.ToQuestionnaireResponse(measure.PersonId, measure.Measure));
                    }
                    await audit.RecordAsync(null, action, nameof(SharedPart.CheckIns), AuditOutcome.Denied, ct);
                    return NotFound();
                }
                return await access.RequireAsync(found.Person, SharedPart.CheckIns, AccessLevel.View, action, ct) is null
                    ? NotFound()
                    : Fhir(FhirMapper.ToQuestionnaireResponse(found.Person.Id, found.CheckIn));
            }
            // Whose record: from the id where it names a row (or a goal in a plan), else the caller's own.
            // Staff and supporters then see it only as the person's grants allow (FhirRecords.ReadAsync).
            IReadOnlyList<Guid> owners = type == "Goal"
                ? await FhirSearch.GoalOwnersAsync(db, id, ct)
                : await FhirSearch.OwnerOfAsync(db, type, id, ct) is { } owner ? [owner] : [];
            if (owners.Count == 0 && await access.MyPersonAsync(ct) is { } me)
            {
                owners = [me.Id];
            }
            foreach (var personId in owners)
            {
                var record = await records.ReadAsync(personId, "fhir.read." + type, withAccessLog: type == "AuditEvent", ct);
                var resource = record is null ? null : FhirMapper.Resources(record).FirstOrDefault(r => r.TypeName == type && r.Id == id);
                if (resource is not null)
                {
                    return Fhir(resource);
                }
            }
            return NotFound();
        });

        // Plan history (ADR 0023): every save of a section the caller may see makes a CarePlan version.
        // The same read decision as GET CarePlan/{id}: a grantee sees only the shared sections' saves.
        fhir.MapGet("/{type}/{id}/_history", async (string type, string id, HttpRequest request, FhirRecords records, Data.LivingBetterDbContext db, TimeProvider time, CancellationToken ct) =>
            await PlanHistoryAsync(type, id, "fhir.history.CarePlan", db, records, ct) is { } history
                ? Fhir(FhirMapper.ToHistoryBundle(history, BaseUrl(request), time.GetUtcNow()))
                : NotFound());

        fhir.MapGet("/{type}/{id}/_history/{vid}", async (string type, string id, string vid, FhirRecords records, Data.LivingBetterDbContext db, CancellationToken ct) =>
        {
            var history = await PlanHistoryAsync(type, id, "fhir.vread.CarePlan", db, records, ct);
            var version = history is not null && int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? history.FirstOrDefault(v => v.VersionId == n) : null;
            return version is null ? NotFound() : Fhir(version.Resource);
        });

        fhir.MapPost("/{type}", async (string type, HttpRequest request, PersonAccess access, CurrentUser current, CheckInService checkIns, AuditLog audit, CancellationToken ct) =>
        {
            if (type != "QuestionnaireResponse")
            {
                return Problems([new FhirProblem(type, "Only QuestionnaireResponse (a wellbeing-wheel check-in or a completed outcome measure) can be created here", OperationOutcome.IssueType.NotSupported)], StatusCodes.Status405MethodNotAllowed);
            }
            var body = await ReadBodyAsync(request, ct);
            if (body is null)
            {
                return Problems([new FhirProblem(type, "The body is too large", OperationOutcome.IssueType.TooCostly)], StatusCodes.Status413PayloadTooLarge);
            }
            var (qr, problems) = FhirReader.Parse<QuestionnaireResponse>(body);
            if (qr is null)
            {
                return Problems(problems);
            }
            var subject = qr.Subject?.Reference?.Split('/');
            if (subject is not ["Patient", var idText] || !Guid.TryParse(idText, out var personId))
            {
                return Problems([new FhirProblem("QuestionnaireResponse.subject", "subject must reference the Patient whose check-in this is", OperationOutcome.IssueType.Required)]);
            }
            // Ratings are the person's own words: only the person records them. The person and their wheel come in
            // one read; an unknown person is logged as a denial with no person, a known one by the access decision.
            const string action = "fhir.create.QuestionnaireResponse";
            var (person, settings) = await checkIns.PersonWithSettingsAsync(personId, ct);
            if (person is null)
            {
                await audit.RecordAsync(null, action, nameof(SharedPart.CheckIns), AuditOutcome.Denied, ct);
                return NotFound();
            }
            if (await access.RequireAsync(person, SharedPart.CheckIns, AccessLevel.Owner, action, ct) is null)
            {
                return NotFound();
            }
            if (qr.Questionnaire?.StartsWith(FhirMapper.MeasureQuestionnairePrefix, StringComparison.Ordinal) == true)
            {
                return await CreateMeasureAsync(qr, personId, current.RequiredId, request, ct);
            }
            var known = settings.Domains.Select(d => d.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var read = FhirReader.ReadCheckIn(qr, "QuestionnaireResponse", known, problems, settings.Min, settings.Max, requireId: false, requireAllDomains: true);
            if (read is null)
            {
                return Problems(problems);
            }
            var input = new CheckInInput(read.Note, read.Ratings.Select(r => new RatingInput(r.DomainKey, r.Rating, r.Rating is null, r.WantsHelp, r.Note)).ToList());
            var rules = CheckInService.Validate(input, settings);
            if (rules.Count > 0)
            {
                return Problems(rules.Select(r => new FhirProblem("QuestionnaireResponse." + r.Field, r.Message)));
            }
            var saved = await checkIns.SaveAsync(personId, current.RequiredId, input, settings, ct);
            request.HttpContext.Response.Headers.Location = $"/fhir/QuestionnaireResponse/{saved.Id}";
            return Fhir(FhirMapper.ToQuestionnaireResponse(personId, FhirRecords.FromSaved(saved, settings)), StatusCodes.Status201Created);
        });

        return app;
    }

    /// <summary>
    /// A completed outcome measure the person sends (questionnaire <c>…/Questionnaire/measure-{code}</c>), read
    /// and validated as an imported one and scored here. FhirRecords is resolved only on this path, so
    /// creating a check-in builds nothing more than before.
    /// </summary>
    private static async Task<IResult> CreateMeasureAsync(QuestionnaireResponse qr, Guid personId, Guid userId, HttpRequest request, CancellationToken ct)
    {
        var problems = new List<FhirProblem>();
        var sent = FhirReader.ReadMeasure(qr, "QuestionnaireResponse", problems, requireId: false);
        if (sent is null)
        {
            return Problems(problems);
        }
        var records = request.HttpContext.RequestServices.GetRequiredService<FhirRecords>();
        var (saved, refused) = await records.CreateMeasureAsync(personId, userId, sent, ct);
        if (saved is null)
        {
            return Problems(refused);
        }
        request.HttpContext.Response.Headers.Location = $"/fhir/QuestionnaireResponse/{saved.Id}";
        return Fhir(FhirMapper.ToQuestionnaireResponse(personId, saved), StatusCodes.Status201Created);
    }

    /// <summary>A CarePlan's versions as the caller may see them, or null (answer 404).</summary>
    private static async Task<IReadOnlyList<FhirMapper.CarePlanVersion>?> PlanHistoryAsync(string type, string id, string action,
        Data.LivingBetterDbContext db, FhirRecords records, CancellationToken ct)
    {
        if (type != "CarePlan" || await FhirSearch.OwnerOfAsync(db, type, id, ct) is not { } personId)
        {
            return null;
        }
        var record = await records.ReadAsync(personId, action, withAccessLog: false, ct);
        var plan = record?.Plans.FirstOrDefault(p => p.Id.ToString() == id);
        return plan is null ? null : FhirMapper.CarePlanHistory(record!, plan);
    }

    /// <summary>The body, or null when it is larger than the limit (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > FhirReader.MaxBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > FhirReader.MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static CapabilityStatement Capability(string baseUrl, DateTimeOffset now)
    {
        var search = new Func<string, SearchParamType, string, CapabilityStatement.SearchParamComponent>((name, t, doc) =>
            new CapabilityStatement.SearchParamComponent { Name = name, Type = t, Documentation = doc });
        var patientParam = search("patient", SearchParamType.Reference, "The person (Patient/id or id). Without it: your own record.");
        var rest = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = "Requests are made as a LivingBetter account: its signed-in session, or an API token it made. You see only what the person has shared with you.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Cors = false,
                Description = "Send `Authorization: Bearer lbt_...` with an API token made on Account and security, API tokens (or use a signed-in session). "
                    + "A token is read only unless made to send too, and may be limited to one person's record or to some parts of records; outside that it gets 404, "
                    + "as for anything not shared with its account. A missing or refused token gets 401 with an OperationOutcome. Staff need two-factor sign-in.",
            },
        };
        foreach (var type in Types)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type,
                Interaction =
                [
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType },
                ],
                SearchParam = [patientParam],
            };
            if (type == "QuestionnaireResponse")
            {
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
                resource.SearchParam.Add(search("authored", SearchParamType.Date, "ge, le, gt, lt or eq prefixes"));
                resource.SearchParam.Add(search("_sort", SearchParamType.Special, "authored or -authored"));
                resource.SearchParam.Add(search("_count", SearchParamType.Number, "At most 100"));
                resource.SearchParam.Add(search("questionnaire", SearchParamType.Reference,
                    $"The Questionnaire's canonical url: {FhirMapper.WheelQuestionnaire} (check-ins) or {FhirMapper.MeasureQuestionnairePrefix}{{code}} (a completed outcome measure)"));
            }
            if (type == "CarePlan")
            {
                resource.Versioning = CapabilityStatement.ResourceVersionPolicy.Versioned;
                resource.ReadHistory = true;
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Vread });
                resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.HistoryInstance });
            }
            if (type is "Observation" or "Consent" or "AuditEvent")
            {
                resource.SearchParam.Add(search("date", SearchParamType.Date, "ge, le, gt, lt or eq prefixes"));
            }
            if (type == "Patient")
            {
                resource.Operation.Add(new CapabilityStatement.OperationComponent { Name = "everything", Definition = "http://hl7.org/fhir/OperationDefinition/Patient-everything" });
                resource.Operation.Add(new CapabilityStatement.OperationComponent { Name = "import", Definition = FhirMapper.Base + "/OperationDefinition/Patient-import" });
                resource.Operation.Add(new CapabilityStatement.OperationComponent
                {
                    Name = "import-record",
                    Definition = FhirMapper.Base + "/OperationDefinition/Patient-import-record",
                    Documentation = "Organisation administrators: POST a Bundle to /fhir/Patient/$import-record?team={teamId}&personAgreed=true[&differentPerson=true][&source=...] to bring in a person's record for one of your teams, unclaimed; consents in it wait for the person.",
                });
            }
            rest.Resource.Add(resource);
        }
        // Bulk export for an organisation's administrators (FhirBulkExportApi).
        rest.Operation.Add(new CapabilityStatement.OperationComponent { Name = "export", Definition = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export" });
        return new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = FhirMapper.When(now),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "LivingBetter" },
            Implementation = new CapabilityStatement.ImplementationComponent { Description = "LivingBetter FHIR R4 API", Url = baseUrl },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest = [rest],
        };
    }

    internal static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

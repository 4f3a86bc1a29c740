using System.Text.Json;
using Hl7.Fhir.Model;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>The outcome of an import: what was written, or every problem when nothing was.</summary>
public sealed record FhirImportResult(bool Imported, IReadOnlyList<FhirProblem> Problems, int Sections, int CheckIns, int Consents);

/// <summary>A check-in and the person whose it is; the check-in must not be shown before access is granted.</summary>
public sealed record FhirCheckInWithOwner(Model.Person Person, FhirCheckIn CheckIn);

/// <summary>
/// Reads a person's record for FHIR (only the parts the caller may see, every read through
/// <see cref="PersonAccess"/> and so into the access log) and writes an imported one, all or nothing.
/// </summary>
public sealed class FhirRecords(LivingBetterDbContext db, PersonAccess access, CheckInService checkIns, PlanStore plans, AuditLog audit, TimeProvider time)
{
    /// <summary>The record as the current user may see it, or null (answer 404) when they may see none of it.</summary>
    public Task<FhirPersonRecord?> ReadAsync(Guid personId, string action, CancellationToken ct = default) =>
        ReadAsync(personId, action, withAccessLog: true, ct);

    /// <param name="withAccessLog">False when the answer holds no AuditEvent, so the (ever-growing) access log is not read.</param>
    public async Task<FhirPersonRecord?> ReadAsync(Guid personId, string action, bool withAccessLog, CancellationToken ct)
    {
        var summary = await access.RequireAnyAsync(personId, action, ct);
        if (summary is null)
        {
            return null;
        }
        var record = await LoadAsync(summary.Person, summary.Parts, withAccessLog, ct);
        foreach (var part in summary.Parts.Keys)
        {
            await audit.RecordAsync(personId, action, part.ToString(), AuditOutcome.Allowed, ct);
        }
        return record;
    }

    /// <summary>Builds the record from the database, limited to <paramref name="parts"/>. Callers have already checked access.</summary>
    public Task<FhirPersonRecord> LoadAsync(Model.Person person, IReadOnlyDictionary<SharedPart, AccessLevel> parts, CancellationToken ct = default) =>
        LoadAsync(person, parts, withAccessLog: true, ct);

    /// <param name="withAccessLog">False when the caller does not need the access log (bulk export leaves AuditEvent out), so it is not read.</param>
    public async Task<FhirPersonRecord> LoadAsync(Model.Person person, IReadOnlyDictionary<SharedPart, AccessLevel> parts, bool withAccessLog, CancellationToken ct)
    {
        bool Sees(SharedPart p) => parts.TryGetValue(p, out var level) && level > AccessLevel.None;
        // The person's sharing, supporters, care teams, access log and details go only with the whole record: not to
        // others, nor through a token of the person's own that reaches only some parts.
        var owner = Enum.GetValues<SharedPart>().All(p => parts.TryGetValue(p, out var level) && level == AccessLevel.Owner);

        var planRows = await db.Plans.AsNoTracking().Include(p => p.Sections).Where(p => p.PersonId == person.Id).ToListAsync(ct);
        // Earlier versions only of the sections this reader may see: a hidden section's history never leaves.
        var visibleSectionIds = planRows.SelectMany(p => PlanStructure.For(p.Kind).Where(def => Sees(def.Part))
            .Select(def => p.Sections.FirstOrDefault(s => s.Key == def.Key)?.Id)).OfType<Guid>().ToList();
        var history = await HistoryAsync(visibleSectionIds, ct);
        var fhirPlans = new List<FhirPlan>();
        foreach (var plan in planRows.OrderBy(p => p.Kind))
        {
            var sections = PlanStructure.For(plan.Kind)
                .Where(def => Sees(def.Part))
                .Select(def => plan.Sections.FirstOrDefault(s => s.Key == def.Key))
                .OfType<PlanSection>()
                .Select(s => new FhirSection(s.Key, s.State, s.Version, s.Content, s.UpdatedAt) { History = Earlier(history[s.Id], s.Version) })
                .ToList();
            if (sections.Count > 0)
            {
                fhirPlans.Add(new FhirPlan(plan.Id, plan.Kind, await plans.TitleAsync(person.Id, plan.Kind, ct), plan.CreatedAt, plan.UpdatedAt, sections));
            }
        }

        var settings = await checkIns.SettingsForAsync(person.Id, ct);
        List<FhirCheckIn> fhirCheckIns = [];
        if (Sees(SharedPart.CheckIns))
        {
            fhirCheckIns = await CheckInsQuery(person.Id).ToListAsync(ct);
        }
        // Completed measures go with the check-ins part, as on the measures pages (MeasureService.HistoryAsync).
        var measures = Sees(SharedPart.CheckIns) ? await MeasuresAsync(person.Id, ct) : [];
        var measureQuestionnaires = await MeasureQuestionnairesAsync(measures, ct);

        List<FhirConsent> consents = [];
        List<FhirSupporter> supporters = [];
        List<FhirCareTeam> careTeams = [];
        List<FhirAuditRecord> log = [];
        List<FhirPractitioner> practitioners = [];
        if (owner)
        {
            consents = await db.SharingGrants.AsNoTracking().Where(g => g.PersonId == person.Id).OrderBy(g => g.CreatedAt).ThenBy(g => g.Part).ThenBy(g => g.Id)
                .Select(g => new FhirConsent(g.Id, g.Part, g.Access, g.GranteeUserId, g.GranteeTeamId, g.CreatedAt, g.ExpiresAt, g.WithdrawnAt))
                .ToListAsync(ct);
            supporters = await db.SupporterLinks.AsNoTracking().Where(l => l.PersonId == person.Id).OrderBy(l => l.CreatedAt)
                .Select(l => new FhirSupporter(l.Id, l.SupporterUserId, l.Supporter!.DisplayName, l.Relationship, l.CreatedAt, l.EndedAt))
                .ToListAsync(ct);
            var episodes = await db.CareEpisodes.AsNoTracking().Where(c => c.PersonId == person.Id).OrderBy(c => c.StartedAt)
                .Select(c => new FhirCareTeam(c.TeamId, c.Team!.Name, c.CareCoordinatorUserId, c.StartedAt, c.EndedAt))
                .ToListAsync(ct);
            // One CareTeam per team: the latest episode with it.
            careTeams = episodes.GroupBy(e => e.TeamId).Select(g => g.Last()).ToList();
            var extraTeams = consents.Where(c => c.GranteeTeamId is { } t && careTeams.All(x => x.TeamId != t)).Select(c => c.GranteeTeamId!.Value).Distinct().ToList();
            if (extraTeams.Count > 0)
            {
                var names = await db.Teams.AsNoTracking().Where(t => extraTeams.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
                careTeams.AddRange(names.Select(t => new FhirCareTeam(t.Id, t.Name, null, null, null, SupportsPerson: false)));
            }
            log = !withAccessLog ? [] : await db.AuditEntries.AsNoTracking().Where(a => a.PersonId == person.Id).OrderBy(a => a.Id)
                .Select(a => new FhirAuditRecord(a.Id, a.At, a.ActorUserId, a.ActorRole, a.Action, a.Part, a.Outcome, a.Via))
                .ToListAsync(ct);
            var userIds = consents.Select(c => c.GranteeUserId).OfType<Guid>()
                .Concat(careTeams.Select(t => t.CoordinatorUserId).OfType<Guid>())
                .Distinct().ToList();
            practitioners = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .Select(u => new FhirPractitioner(u.Id, u.DisplayName)).ToListAsync(ct);
        }

        return new FhirPersonRecord
        {
            PersonId = person.Id,
            PreferredName = person.PreferredName,
            BirthYear = owner ? person.BirthYear : null,
            Gender = owner ? person.Gender : null,
            Plans = fhirPlans,
            CheckIns = fhirCheckIns,
            Measures = measures,
            MeasureQuestionnaires = measureQuestionnaires,
            Consents = consents,
            Supporters = supporters,
            CareTeams = careTeams,
            Practitioners = practitioners,
            AccessLog = log,
            Domains = settings.Domains.Select(d => new FhirDomain(d.Key, d.Name, d.Description)).ToList(),
        };
    }

    /// <summary>
    /// The records of many people at once for bulk export, as each person would see their own, without the
    /// access log, practitioners or wheel domains (not exported): a handful of queries per page of people
    /// instead of about ten per person. Callers have already decided who is included.
    /// </summary>
    public async Task<IReadOnlyList<FhirPersonRecord>> LoadPageAsync(IReadOnlyList<Model.Person> people, CancellationToken ct = default)
    {
        var ids = people.Select(p => p.Id).ToList();
        var now = time.GetUtcNow();
        var plansRows = await db.Plans.AsNoTracking().AsSplitQuery().Where(p => ids.Contains(p.PersonId))
            .Select(p => new
            {
                p.Id,
                p.PersonId,
                p.Kind,
                p.CreatedAt,
                p.UpdatedAt,
                Sections = p.Sections.Select(s => new { s.Id, Section = new FhirSection(s.Key, s.State, s.Version, s.Content, s.UpdatedAt) }).ToList(),
            })
            .ToListAsync(ct);
        var pageHistory = await HistoryAsync(plansRows.SelectMany(p => p.Sections.Select(s => s.Id)).ToList(), ct);
        var checkInRows = await db.CheckIns.AsNoTracking().AsSplitQuery().Where(c => ids.Contains(c.PersonId)).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new
            {
                c.PersonId,
                CheckIn = new FhirCheckIn(c.Id, c.At, c.Note, c.ScaleMin, c.ScaleMax,
                    c.Ratings.OrderBy(r => r.Domain!.Order).Select(r => new FhirRating(r.Id, r.Domain!.Key, r.Domain.Name, r.Rating, r.WorkerRating, r.WantsHelp, r.Note)).ToList()),
            })
            .ToListAsync(ct);
        var consentRows = await db.SharingGrants.AsNoTracking().Where(g => ids.Contains(g.PersonId)).OrderBy(g => g.CreatedAt).ThenBy(g => g.Part).ThenBy(g => g.Id)
            .Select(g => new { g.PersonId, Consent = new FhirConsent(g.Id, g.Part, g.Access, g.GranteeUserId, g.GranteeTeamId, g.CreatedAt, g.ExpiresAt, g.WithdrawnAt) })
            .ToListAsync(ct);
        var supporterRows = await db.SupporterLinks.AsNoTracking().Where(l => ids.Contains(l.PersonId)).OrderBy(l => l.CreatedAt)
            .Select(l => new { l.PersonId, Supporter = new FhirSupporter(l.Id, l.SupporterUserId, l.Supporter!.DisplayName, l.Relationship, l.CreatedAt, l.EndedAt) })
            .ToListAsync(ct);
        var episodeRows = await db.CareEpisodes.AsNoTracking().Where(c => ids.Contains(c.PersonId)).OrderBy(c => c.StartedAt)
            .Select(c => new
            {
                c.PersonId,
                Team = new FhirCareTeam(c.TeamId, c.Team!.Name, c.CareCoordinatorUserId, c.StartedAt, c.EndedAt),
                OrganisationName = c.Team.Organisation!.Name,
                Label = c.Team.Organisation.StayingWellPlanLabel,
            })
            .ToListAsync(ct);
        // Completed measures as each person would see their own (all parts): one query for the page.
        var measuresBy = await MeasuresOfAsync(ids, ct);
        var extraTeamIds = consentRows.Select(c => c.Consent.GranteeTeamId).OfType<Guid>().Distinct().ToList();
        var teamNames = extraTeamIds.Count == 0
            ? []
            : await db.Teams.AsNoTracking().Where(t => extraTeamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var plansBy = plansRows.ToLookup(p => p.PersonId);
        var checkInsBy = checkInRows.ToLookup(c => c.PersonId, c => c.CheckIn);
        var consentsBy = consentRows.ToLookup(c => c.PersonId, c => c.Consent);
        var supportersBy = supporterRows.ToLookup(s => s.PersonId, s => s.Supporter);
        var episodesBy = episodeRows.ToLookup(e => e.PersonId);
        var records = new List<FhirPersonRecord>(people.Count);
        foreach (var person in people)
        {
            // As PlanStore.StayingWellLabelAsync: the first label of the organisations supporting the person now, by name.
            var label = episodesBy[person.Id].Where(e => e.Team.EndedAt is null || e.Team.EndedAt > now)
                .OrderBy(e => e.OrganisationName, StringComparer.Ordinal).Select(e => e.Label).FirstOrDefault(l => !string.IsNullOrEmpty(l));
            var stayingWellTitle = string.IsNullOrWhiteSpace(label) ? Model.Organisation.DefaultStayingWellPlanLabel : label;
            var fhirPlans = new List<FhirPlan>();
            foreach (var plan in plansBy[person.Id].OrderBy(p => p.Kind))
            {
                var sections = PlanStructure.For(plan.Kind)
                    .Select(def => plan.Sections.FirstOrDefault(s => s.Section.Key == def.Key))
                    .Where(s => s is not null)
                    .Select(s => s!.Section with { History = Earlier(pageHistory[s.Id], s.Section.Version) })
                    .ToList();
                if (sections.Count > 0)
                {
                    fhirPlans.Add(new FhirPlan(plan.Id, plan.Kind, plan.Kind == PlanKind.StayingWell ? stayingWellTitle : PlanStructure.WellbeingPlanTitle,
                        plan.CreatedAt, plan.UpdatedAt, sections));
                }
            }
            var consents = consentsBy[person.Id].ToList();
            var careTeams = episodesBy[person.Id].Select(e => e.Team).GroupBy(t => t.TeamId).Select(g => g.Last()).ToList();
            careTeams.AddRange(consents.Select(c => c.GranteeTeamId).OfType<Guid>().Distinct()
                .Where(t => careTeams.All(x => x.TeamId != t) && teamNames.ContainsKey(t))
                .Select(t => new FhirCareTeam(t, teamNames[t], null, null, null, SupportsPerson: false)));
            records.Add(new FhirPersonRecord
            {
                PersonId = person.Id,
                PreferredName = person.PreferredName,
                BirthYear = person.BirthYear,
                Gender = person.Gender,
                Plans = fhirPlans,
                CheckIns = checkInsBy[person.Id].ToList(),
                Measures = measuresBy[person.Id].ToList(),
                Consents = consents,
                Supporters = supportersBy[person.Id].ToList(),
                CareTeams = careTeams,
            });
        }
        return records;
    }

    /// <summary>The person's completed measures, oldest first: the measure's code, the chosen options and the saved scores.</summary>
    public async Task<List<FhirMeasureResponse>> MeasuresAsync(Guid personId, CancellationToken ct) =>
        (await MeasuresOfAsync([personId], ct))[personId].ToList();

    /// <summary>The completed measures of many people in one query, by person, each person's oldest first.</summary>
    private async Task<ILookup<Guid, FhirMeasureResponse>> MeasuresOfAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct) =>
        (await ReadMeasuresAsync(db.Set<MeasureResponse>().AsNoTracking().Where(r => personIds.Contains(r.PersonId)).OrderBy(r => r.At).ThenBy(r => r.Id), ct))
            .ToLookup(m => m.PersonId, m => m.Measure);

    /// <summary>
    /// The person's completed measures for a QuestionnaireResponse search: only the measures with these codes
    /// (null: all), with the search's dates, order and count applied in the database as for check-ins.
    /// Only call after the caller's access to the person's check-ins has been checked.
    /// </summary>
    public async Task<List<FhirMeasureResponse>> MeasuresAsync(Guid personId, FhirQuery query, IReadOnlyCollection<string>? codes, CancellationToken ct)
    {
        var rows = db.Set<MeasureResponse>().AsNoTracking().Where(r => r.PersonId == personId);
        if (codes is not null)
        {
            rows = rows.Where(r => codes.Contains(r.MeasureDefinition!.Code));
        }
        return (await ReadMeasuresAsync(FhirSearch.Apply(rows, r => r.At, query), ct)).Select(m => m.Measure).ToList();
    }

    /// <summary>A completed measure by id and whose it is, or null; it must not be shown before access to the person's check-ins is granted.</summary>
    public async Task<(Guid PersonId, FhirMeasureResponse Measure)?> MeasureWithOwnerAsync(Guid id, CancellationToken ct)
    {
        var found = await ReadMeasuresAsync(db.Set<MeasureResponse>().AsNoTracking().Where(r => r.Id == id), ct);
        return found.Count == 0 ? null : found[0];
    }

    private sealed record MeasureRow(MeasureResponse Row, string Code);

    private static async Task<List<(Guid PersonId, FhirMeasureResponse Measure)>> ReadMeasuresAsync(IQueryable<MeasureResponse> responses, CancellationToken ct)
    {
        var rows = await responses.Select(r => new MeasureRow(r, r.MeasureDefinition!.Code)).ToListAsync(ct);
        return rows.Select(r => (r.Row.PersonId, ToFhir(r.Row, r.Code))).ToList();
    }

    /// <summary>A saved completed measure as FHIR sees it: the chosen options and the saved scores.</summary>
    private static FhirMeasureResponse ToFhir(MeasureResponse row, string code) =>
        ToFhir(row.Id, code, row.At, row.MeasureDefinitionId, row.AnswersJson, row.RawScore, row.MetricScore, row.SubscaleScoresJson);

    private static FhirMeasureResponse ToFhir(Guid id, string code, DateTimeOffset at, Guid definitionId, string answersJson,
        decimal? rawScore, decimal? metricScore, string subscaleScoresJson) =>
        new(id, code, at, Answers(answersJson), rawScore, metricScore)
        {
            DefinitionId = definitionId,
            Subscales = SubscaleScores(subscaleScoresJson),
        };

    /// <summary>
    /// The Questionnaire of each measure code among <paramref name="measures"/> (already limited to what the
    /// reader may see): the definition its newest response was scored with, as codes and values only.
    /// </summary>
    public async Task<List<FhirMeasureQuestionnaire>> MeasureQuestionnairesAsync(IReadOnlyList<FhirMeasureResponse> measures, CancellationToken ct)
    {
        // One Questionnaire per code: its id and url are made from the code alone.
        return await MeasureQuestionnairesAsync(measures.GroupBy(m => m.MeasureCode).Select(g => g.Last().DefinitionId).ToList(), ct);
    }

    /// <summary>The Questionnaires of these measure definitions, by code; at most one definition per code should be given.</summary>
    public async Task<List<FhirMeasureQuestionnaire>> MeasureQuestionnairesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        var definitions = await db.Set<MeasureDefinition>().AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        return definitions.OrderBy(d => d.Code, StringComparer.Ordinal).Select(MeasureQuestionnaire).OfType<FhirMeasureQuestionnaire>().ToList();
    }

    /// <summary>A definition's questions as codes and values (no wording), or null when it cannot be read or its code cannot make a FHIR id.</summary>
    public static FhirMeasureQuestionnaire? MeasureQuestionnaire(MeasureDefinition definition)
    {
        var (questionnaire, _) = ScoringEngine.ParseQuestionnaire(definition.DefinitionJson);
        if (questionnaire is null || definition.Code.Length is 0 or > MeasureDefinition.CodeMaxLength
            || !definition.Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        return new FhirMeasureQuestionnaire(definition.Code, questionnaire.Items
            .Select(q => new FhirMeasureQuestion(q.LinkId, q.Required, q.Options.Select(o => new FhirMeasureOption(o.Code, o.Value)).ToList()))
            .ToList());
    }

    /// <summary>Saved subscale scores (<c>{"key": n or null}</c>); unscored subscales and anything unreadable are left out.</summary>
    private static List<FhirSubscaleScore> SubscaleScores(string json) =>
        MeasureService.Subscales(json).Where(s => s.Value is not null && s.Key.Length > 0).Select(s => new FhirSubscaleScore(s.Key, s.Value!.Value)).ToList();

    /// <summary>
    /// Records a completed measure the person sends as a QuestionnaireResponse (read by
    /// <see cref="FhirReader.ReadMeasure"/>), validated and scored here exactly as an imported one
    /// (<see cref="ResolveMeasuresAsync"/>): a measure switched on for an organisation supporting the person now,
    /// each answer one of its options, enough answered to score. Saved whole at the current time under a new
    /// id, or not at all; the caller must already have checked that the caller is the person.
    /// </summary>
    public async Task<(FhirMeasureResponse? Saved, List<FhirProblem> Problems)> CreateMeasureAsync(Guid personId, Guid userId, FhirMeasureResponse sent, CancellationToken ct)
    {
        var measure = sent with { Id = Guid.NewGuid(), At = time.GetUtcNow() };
        var (rows, problems) = await ResolveMeasuresAsync(personId, userId, new FhirPersonRecord { PersonId = personId, Measures = [measure] }, ct);
        if (problems.Count > 0 || rows.Count != 1)
        {
            await audit.RecordAsync(personId, "fhir.create.measure", nameof(SharedPart.CheckIns), AuditOutcome.Denied, ct);
            return (null, problems);
        }
        var row = rows[0];
        db.Add(row);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "fhir.create.measure", nameof(SharedPart.CheckIns), AuditOutcome.Allowed, ct);
        return (ToFhir(row, measure.MeasureCode), problems);
    }

    /// <summary>Saved answers (<c>{"linkId": {"code": "…", "value": n}}</c>) as FHIR sees them; anything unreadable is left out.</summary>
    private static List<FhirMeasureAnswer> Answers(string json)
    {
        try
        {
            var answers = JsonSerializer.Deserialize<Dictionary<string, SavedAnswer>>(json) ?? [];
            return answers.Where(a => !string.IsNullOrEmpty(a.Value?.code)).Select(a => new FhirMeasureAnswer(a.Key, a.Value.code!, a.Value.value)).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private sealed record SavedAnswer(string? code, decimal value);

    /// <summary>
    /// Resolves an imported record's completed measures to the measures switched on for the organisations
    /// supporting the person (by code) and re-scores the answers with our own scoring (imported scores are not
    /// trusted). Any unknown or switched-off measure, or an answer that is not one of the options, is a problem
    /// naming the element; the caller refuses the whole bundle. Responses the person already has are skipped.
    /// </summary>
    public Task<(List<MeasureResponse> Rows, List<FhirProblem> Problems)> ResolveMeasuresAsync(Guid personId, Guid userId, FhirPersonRecord record, CancellationToken ct) =>
        ResolveMeasuresAsync(new MeasureService(db, time).AvailableTo(personId), "the services supporting this person", personId, userId, record, ct);

    /// <summary>
    /// As <see cref="ResolveMeasuresAsync(Guid, Guid, FhirPersonRecord, CancellationToken)"/>, against the measures
    /// <paramref name="switchedOn"/> (by code), named <paramref name="switchedOnFor"/> in the problems: for a record
    /// an administrator brings in, the measures of the chosen team's organisation (<see cref="MeasureService.EnabledForTeam"/>).
    /// </summary>
    /// <param name="personId">Null for a person not saved yet: nothing to skip, and the caller sets each row's <c>PersonId</c>.</param>
    public async Task<(List<MeasureResponse> Rows, List<FhirProblem> Problems)> ResolveMeasuresAsync(IQueryable<MeasureDefinition> switchedOn, string switchedOnFor,
        Guid? personId, Guid userId, FhirPersonRecord record, CancellationToken ct)
    {
        List<MeasureResponse> rows = [];
        List<FhirProblem> problems = [];
        if (record.Measures.Count == 0)
        {
            return (rows, problems);
        }
        var codes = record.Measures.Select(m => m.MeasureCode).Distinct().ToList();
        var definitions = await switchedOn.Where(m => codes.Contains(m.Code)).OrderBy(m => m.CreatedAt).ToListAsync(ct);
        var existing = personId is not { } id ? [] : await db.Set<MeasureResponse>().AsNoTracking().Where(r => r.PersonId == id).Select(r => r.Id).ToListAsync(ct);
        foreach (var m in record.Measures)
        {
            var definition = definitions.FirstOrDefault(d => d.Code == m.MeasureCode);
            var loaded = definition is null ? null : MeasureService.Load(definition);
            if (loaded is null)
            {
                problems.Add(new(m.Path + ".questionnaire", $"'{m.MeasureCode}' is not a measure switched on for {switchedOnFor}", OperationOutcome.IssueType.CodeInvalid));
                continue;
            }
            var (result, chosen, fieldProblems) = MeasureService.Check(loaded, m.Answers.ToDictionary(a => a.LinkId, a => (string?)a.Code));
            foreach (var fp in fieldProblems)
            {
                var index = m.Answers.ToList().FindIndex(a => fp.Field == $"answers.{a.LinkId}");
                // A linkId the measure does not have is the linkId's fault; an option it does not offer, the answer's.
                var element = index >= 0 && loaded.Questionnaire.Find(m.Answers[index].LinkId) is null ? "linkId" : "answer[0].valueCoding";
                problems.Add(new(index < 0 ? m.Path + ".item" : $"{m.Path}.item[{index}].{element}", fp.Message, OperationOutcome.IssueType.CodeInvalid));
            }
            if (result is null || existing.Contains(m.Id))
            {
                continue;
            }
            rows.Add(new MeasureResponse
            {
                Id = await db.Set<MeasureResponse>().AnyAsync(r => r.Id == m.Id, ct) ? Guid.NewGuid() : m.Id,
                PersonId = personId ?? Guid.Empty,
                MeasureDefinitionId = loaded.Definition.Id,
                At = m.At,
                RecordedByUserId = userId,
                AnswersJson = JsonSerializer.Serialize(chosen),
                RawScore = result.Raw,
                MetricScore = result.Metric,
                SubscaleScoresJson = JsonSerializer.Serialize(result.Subscales),
            });
        }
        return (rows, problems);
    }

    /// <summary>The saved versions of the given sections, by section, in one query.</summary>
    private async Task<ILookup<Guid, FhirSectionVersion>> HistoryAsync(IReadOnlyList<Guid> sectionIds, CancellationToken ct)
    {
        if (sectionIds.Count == 0)
        {
            return Array.Empty<(Guid, FhirSectionVersion)>().ToLookup(x => x.Item1, x => x.Item2);
        }
        var rows = await db.PlanSectionVersions.AsNoTracking().Where(v => sectionIds.Contains(v.SectionId))
            .Select(v => new { v.SectionId, v.Number, v.Content, v.CreatedAt, v.Reason })
            .ToListAsync(ct);
        return rows.ToLookup(r => r.SectionId, r => new FhirSectionVersion(r.Number, r.Content, r.CreatedAt, r.Reason));
    }

    /// <summary>The versions before the current one, oldest first (the current words travel as the section itself).</summary>
    private static List<FhirSectionVersion> Earlier(IEnumerable<FhirSectionVersion> versions, int current) =>
        versions.Where(v => v.Number < current).OrderBy(v => v.Number).ToList();

    /// <summary>A check-in by id with the person whose it is, in one round trip; null when there is none.</summary>
    public async Task<FhirCheckInWithOwner?> CheckInWithOwnerAsync(Guid checkInId, CancellationToken ct)
    {
        Model.Person? person = null;
        var rows = new List<CheckInRatingRow>();
        await foreach (var (owner, row) in CheckInById(db, checkInId).WithCancellation(ct))
        {
            person ??= owner;
            rows.Add(row);
        }
        return person is null ? null : new FhirCheckInWithOwner(person, Group(rows)[0]);
    }

    /// <summary>
    /// The person, read without tracking by a compiled query, for <see cref="PersonAccess.RequireAsync(Model.Person, SharedPart, AccessLevel, string, CancellationToken)"/>
    /// on the hot search path (the same decision and log entry as the overload that reads the person itself).
    /// </summary>
    public Task<Model.Person?> PersonAsync(Guid personId, CancellationToken ct) => PersonById(db, personId, ct);

    /// <summary>
    /// The person (null when there is none) with their newest <paramref name="checkIns"/> check-ins and newest
    /// <paramref name="measures"/> completed measures, in one round trip: the FHIR workload's "newest five by
    /// patient". Nothing read here may be shown before the access decision on the person.
    /// </summary>
    public async Task<(Model.Person? Person, List<FhirCheckIn> CheckIns, List<FhirMeasureResponse> Measures)> PersonWithNewestAsync(
        Guid personId, int checkIns, int measures, CancellationToken ct)
    {
        Model.Person? person = null;
        var rows = new List<CheckInRatingRow>(checkIns * 12);
        var completed = new List<FhirMeasureResponse>();
        await foreach (var (owner, row) in PersonWithNewest(db, personId, checkIns, measures).WithCancellation(ct))
        {
            person ??= owner;
            if (row?.Measure is { } measure)
            {
                completed.Add(measure);
            }
            else if (row?.CheckIn is { } rating)
            {
                rows.Add(rating);
            }
        }
        return (person, Group(rows), completed);
    }

    /// <summary>
    /// One row per rating of a check-in (a check-in without ratings gives one row with none). The hot FHIR reads
    /// read check-ins flat and put them together here: a nested collection in an EF Core projection builds a
    /// closure delegate on every call (2% of a read by id's CPU, docs/PERFORMANCE.md).
    /// </summary>
    private sealed record CheckInRatingRow(Guid CheckInId, DateTimeOffset At, string Note, int ScaleMin, int ScaleMax, FhirRating? Rating);

    /// <summary>Rows in check-in order (each check-in's rows together, in domain order) as check-ins.</summary>
    private static List<FhirCheckIn> Group(List<CheckInRatingRow> rows)
    {
        var checkIns = new List<FhirCheckIn>();
        for (var i = 0; i < rows.Count;)
        {
            var first = rows[i];
            var ratings = new List<FhirRating>();
            for (; i < rows.Count && rows[i].CheckInId == first.CheckInId; i++)
            {
                if (rows[i].Rating is { } rating)
                {
                    ratings.Add(rating);
                }
            }
            checkIns.Add(new FhirCheckIn(first.CheckInId, first.At, first.Note, first.ScaleMin, first.ScaleMax, ratings));
        }
        return checkIns;
    }

    // Compiled once: the hot FHIR reads skip EF Core's per-call query cache look-up (docs/PERFORMANCE.md).
    private static readonly Func<LivingBetterDbContext, Guid, IAsyncEnumerable<(Model.Person Owner, CheckInRatingRow Row)>> CheckInById =
        EF.CompileAsyncQuery((LivingBetterDbContext db, Guid id) =>
            db.CheckIns.AsNoTracking().Where(c => c.Id == id)
                .SelectMany(c => c.Ratings.DefaultIfEmpty(), (c, r) => new { c, r, Order = r == null ? 0 : r.Domain!.Order })
                .OrderBy(x => x.Order)
                .Select(x => ValueTuple.Create(x.c.Person!, new CheckInRatingRow(x.c.Id, x.c.At, x.c.Note, x.c.ScaleMin, x.c.ScaleMax,
                    x.r == null ? null : new FhirRating(x.r.Id, x.r.Domain!.Key, x.r.Domain.Name, x.r.Rating, x.r.WorkerRating, x.r.WantsHelp, x.r.Note)))));

    private static readonly Func<LivingBetterDbContext, Guid, CancellationToken, Task<Model.Person?>> PersonById =
        EF.CompileAsyncQuery((LivingBetterDbContext db, Guid id, CancellationToken ct) =>
            db.People.AsNoTracking().FirstOrDefault(p => p.Id == id));

    /// <summary>A row of <see cref="PersonWithNewest"/>: a rating of a check-in, or a completed measure.</summary>
    private sealed record NewestRow(CheckInRatingRow? CheckIn, FhirMeasureResponse? Measure);

    // The person joined to their newest check-ins (one row per rating) and, in the same subquery (UNION ALL),
    // their newest completed measures (one row each), each arm cut to its count (check-ins on their (PersonId, At)
    // index; a person's few measures found by the index that starts with PersonId and sorted); a person with neither
    // gives one row without one. Columns one arm does not have are null there.
    private static readonly Func<LivingBetterDbContext, Guid, int, int, IAsyncEnumerable<(Model.Person Owner, NewestRow? Row)>> PersonWithNewest =
        EF.CompileAsyncQuery((LivingBetterDbContext db, Guid personId, int checkIns, int measures) =>
            from p in db.People.AsNoTracking().Where(p => p.Id == personId)
            join x in db.CheckIns.Where(c => c.PersonId == personId).OrderByDescending(c => c.At).Take(checkIns)
                .SelectMany(c => c.Ratings.DefaultIfEmpty(), (c, r) => new
                {
                    c.PersonId,
                    c.Id,
                    Found = (Guid?)c.Id,
                    IsMeasure = false,
                    c.At,
                    Note = (string?)c.Note,
                    ScaleMin = (int?)c.ScaleMin,
                    ScaleMax = (int?)c.ScaleMax,
                    RatingId = (Guid?)r!.Id,
                    Order = r == null ? 0 : r.Domain!.Order,
                    Key = (string?)r!.Domain!.Key,
                    Name = (string?)r!.Domain!.Name,
                    r!.Rating,
                    r!.WorkerRating,
                    WantsHelp = (bool?)r!.WantsHelp,
                    RatingNote = (string?)r!.Note,
                    DefinitionId = (Guid?)null,
                    Code = (string?)null,
                    AnswersJson = (string?)null,
                    RawScore = (decimal?)null,
                    MetricScore = (decimal?)null,
                    SubscaleScoresJson = (string?)null,
                })
                .Concat(db.Set<MeasureResponse>().Where(m => m.PersonId == personId).OrderByDescending(m => m.At).Take(measures)
                    .Select(m => new
                    {
                        m.PersonId,
                        m.Id,
                        Found = (Guid?)m.Id,
                        IsMeasure = true,
                        m.At,
                        Note = (string?)null,
                        ScaleMin = (int?)null,
                        ScaleMax = (int?)null,
                        RatingId = (Guid?)null,
                        Order = 0,
                        Key = (string?)null,
                        Name = (string?)null,
                        Rating = (int?)null,
                        WorkerRating = (int?)null,
                        WantsHelp = (bool?)null,
                        RatingNote = (string?)null,
                        DefinitionId = (Guid?)m.MeasureDefinitionId,
                        Code = (string?)m.MeasureDefinition!.Code,
                        AnswersJson = (string?)m.AnswersJson,
                        m.RawScore,
                        m.MetricScore,
                        SubscaleScoresJson = (string?)m.SubscaleScoresJson,
                    }))
                on p.Id equals x.PersonId into rows
            from x in rows.DefaultIfEmpty()
            orderby x.At descending, x.Id, x.Order
            select ValueTuple.Create(p, x.Found == null ? null
                : x.IsMeasure ? new NewestRow(null, ToFhir(x.Id, x.Code!, x.At, x.DefinitionId!.Value, x.AnswersJson!, x.RawScore, x.MetricScore, x.SubscaleScoresJson!))
                : new NewestRow(new CheckInRatingRow(x.Id, x.At, x.Note!, x.ScaleMin!.Value, x.ScaleMax!.Value,
                    x.RatingId == null ? null : new FhirRating(x.RatingId.Value, x.Key!, x.Name!, x.Rating, x.WorkerRating, x.WantsHelp == true, x.RatingNote!)), null)));

    /// <summary>A check-in just saved, as FHIR sees it, built from what was written (no read back).</summary>
    public static FhirCheckIn FromSaved(CheckIn saved, WheelSettings settings)
    {
        var domains = settings.Domains.ToDictionary(d => d.Id);
        return new FhirCheckIn(saved.Id, saved.At, saved.Note, saved.ScaleMin, saved.ScaleMax,
            saved.Ratings.OrderBy(r => domains[r.DomainId].Order).ThenBy(r => r.Id)
                .Select(r => new FhirRating(r.Id, domains[r.DomainId].Key, domains[r.DomainId].Name, r.Rating, r.WorkerRating, r.WantsHelp, r.Note)).ToList());
    }

    /// <summary>Check-ins as FHIR sees them, for the person; callers add filters, order and paging.</summary>
    public IQueryable<FhirCheckIn> CheckInsQuery(Guid personId, Func<IQueryable<CheckIn>, IQueryable<CheckIn>>? shape = null) =>
        (shape ?? (q => q.OrderBy(c => c.At)))(db.CheckIns.AsNoTracking().Where(c => c.PersonId == personId)).Select(c => new FhirCheckIn(c.Id, c.At, c.Note, c.ScaleMin, c.ScaleMax,
            c.Ratings.OrderBy(r => r.Domain!.Order).Select(r => new FhirRating(r.Id, r.Domain!.Key, r.Domain.Name, r.Rating, r.WorkerRating, r.WantsHelp, r.Note)).ToList()));

    /// <summary>
    /// Every import's validation, in the order docs/fhir.md gives (size, depth, JSON, the SDK's strict rules,
    /// ours). <paramref name="settings"/> is the wheel of the person the bundle will belong to.
    /// </summary>
    public static (FhirPersonRecord? Record, List<FhirProblem> Problems) ReadBundle(ReadOnlySpan<byte> json, WheelSettings settings)
    {
        var (bundle, problems) = FhirReader.Parse<Bundle>(json);
        if (bundle is null)
        {
            return (null, problems);
        }
        var known = settings.Domains.Select(d => d.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return FhirReader.ToRecord(bundle, known);
    }

    /// <summary>
    /// Imports a bundle into <paramref name="person"/>'s own record (the caller must be the person): plans,
    /// check-ins and consents, all or nothing. The bundle's Patient becomes this person whatever its id.
    /// </summary>
    public async Task<FhirImportResult> ImportAsync(Model.Person person, Guid userId, ReadOnlyMemory<byte> json, CancellationToken ct = default)
    {
        var settings = await checkIns.SettingsForAsync(person.Id, ct);
        var (record, problems) = ReadBundle(json.Span, settings);
        if (record is null)
        {
            return await Refused(person, problems, ct);
        }
        var (measureRows, measureProblems) = await ResolveMeasuresAsync(person.Id, userId, record, ct);
        if (measureProblems.Count > 0)
        {
            return await Refused(person, measureProblems, ct);
        }

        var warnings = new List<FhirProblem>();
        var grantees = record.Consents.Select(c => c.GranteeUserId).OfType<Guid>().ToList();
        var knownUsers = await db.Users.AsNoTracking().Where(u => grantees.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        var teamIds = record.Consents.Select(c => c.GranteeTeamId).OfType<Guid>().ToList();
        var knownTeams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var me = await db.People.FirstAsync(p => p.Id == person.Id, ct);
        me.PreferredName = record.PreferredName;
        me.BirthYear = record.BirthYear ?? me.BirthYear;
        me.Gender = record.Gender ?? me.Gender;
        await db.SaveChangesAsync(ct);

        var written = await WritePlansAndCheckInsAsync(person.Id, record, settings, userId, "Imported from a FHIR bundle", ct);
        if (written is null)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await Refused(person, [new FhirProblem("Bundle", "A plan section changed while importing; nothing was imported. Try again.", OperationOutcome.IssueType.Conflict)], ct);
        }

        var addedConsents = 0;
        var existingGrants = await db.SharingGrants.AsNoTracking().Where(g => g.PersonId == person.Id).Select(g => g.Id).ToListAsync(ct);
        foreach (var (c, i) in record.Consents.Select((c, i) => (c, i)))
        {
            if (existingGrants.Contains(c.Id))
            {
                continue;
            }
            if ((c.GranteeUserId is { } u && !knownUsers.Contains(u)) || (c.GranteeTeamId is { } t && !knownTeams.Contains(t)))
            {
                warnings.Add(new FhirProblem($"Consent/{c.Id}", "This consent names someone who has no account here, so it was not imported",
                    OperationOutcome.IssueType.NotFound, OperationOutcome.IssueSeverity.Warning));
                continue;
            }
            db.SharingGrants.Add(new SharingGrant
            {
                Id = await db.SharingGrants.AnyAsync(g => g.Id == c.Id, ct) ? Guid.NewGuid() : c.Id,
                PersonId = person.Id,
                GranteeUserId = c.GranteeUserId,
                GranteeTeamId = c.GranteeTeamId,
                Part = c.Part,
                Access = c.Access,
                CreatedAt = c.CreatedAt,
                ExpiresAt = c.ExpiresAt,
                WithdrawnAt = c.WithdrawnAt,
            });
            addedConsents++;
        }
        db.AddRange(measureRows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.RecordAsync(person.Id, "fhir.import", "Everything", AuditOutcome.Allowed, ct);
        return new FhirImportResult(true, warnings, written.Value.Sections, written.Value.CheckIns, addedConsents);
    }

    /// <summary>
    /// Writes the plans (with their earlier versions) and check-ins of an imported record into a person's
    /// record, inside the caller's transaction; saves nothing itself. A section the person does not have yet
    /// is restored whole: every earlier version with its number, words, time and reason, then the current one.
    /// A section they already have gets the imported words as one new version (two histories are not merged;
    /// ADR 0023). Check-ins already there are skipped. Null when a section changed meanwhile (roll back).
    /// </summary>
    public async Task<(int Sections, int CheckIns)?> WritePlansAndCheckInsAsync(Guid personId, FhirPersonRecord record, WheelSettings settings, Guid userId, string reason, CancellationToken ct)
    {
        var allDomains = await db.LifeDomains.AsNoTracking().Where(d => d.OrganisationId == settings.OrganisationId || d.OrganisationId == null).ToListAsync(ct);
        var sections = 0;
        foreach (var plan in record.Plans)
        {
            foreach (var section in plan.Sections)
            {
                var def = PlanStructure.Find(plan.Kind, section.Key)!;
                var current = await plans.LoadSectionAsync(personId, def, ct);
                var content = JsonSerializer.Deserialize(section.ContentJson, def.ContentType, SectionContent.Json)!;
                if (current.SectionId is null)
                {
                    await RestoreSectionAsync(personId, plan, def, section, content, reason, ct);
                    sections++;
                    continue;
                }
                if (SectionContent.Serialize(def, current.Content) == SectionContent.Serialize(def, content) && current.State == section.State)
                {
                    continue;
                }
                var saved = await plans.SaveAsync(personId, def, content, current.Version, section.State, userId, null, reason, ct);
                if (!saved.Saved)
                {
                    return null;
                }
                sections++;
            }
        }

        var addedCheckIns = 0;
        var existingIds = await db.CheckIns.AsNoTracking().Where(c => c.PersonId == personId).Select(c => c.Id).ToListAsync(ct);
        foreach (var c in record.CheckIns)
        {
            if (existingIds.Contains(c.Id))
            {
                continue;
            }
            var takenElsewhere = await db.CheckIns.AnyAsync(x => x.Id == c.Id, ct);
            var checkIn = new CheckIn
            {
                Id = takenElsewhere ? Guid.NewGuid() : c.Id,
                PersonId = personId,
                At = c.At,
                Note = c.Note,
                RecordedByUserId = userId,
                ScaleMin = c.ScaleMin,
                ScaleMax = c.ScaleMax,
            };
            foreach (var r in c.Ratings)
            {
                var domain = settings.Find(r.DomainKey) ?? allDomains.First(d => string.Equals(d.Key, r.DomainKey, StringComparison.OrdinalIgnoreCase));
                checkIn.Ratings.Add(new CheckInRating
                {
                    Id = Guid.NewGuid(),
                    DomainId = domain.Id,
                    Rating = r.Rating,
                    WantsHelp = r.WantsHelp,
                    Note = r.Note,
                });
            }
            db.CheckIns.Add(checkIn);
            addedCheckIns++;
        }
        return (sections, addedCheckIns);
    }

    /// <summary>
    /// A section the person does not have yet, restored with its history. Earlier versions are the person's
    /// own words from the other record, so they carry no author here (shown as the person's); the current
    /// version is kept with its number and time, its reason saying it was imported.
    /// </summary>
    private async System.Threading.Tasks.Task RestoreSectionAsync(Guid personId, FhirPlan source, SectionDef def, FhirSection section, object content, string reason, CancellationToken ct)
    {
        var plan = db.Plans.Local.FirstOrDefault(p => p.PersonId == personId && p.Kind == def.Kind)
            ?? await db.Plans.FirstOrDefaultAsync(p => p.PersonId == personId && p.Kind == def.Kind, ct);
        if (plan is null)
        {
            var idTaken = await db.Plans.AnyAsync(p => p.Id == source.Id, ct);
            plan = new Plan { Id = idTaken ? Guid.NewGuid() : source.Id, PersonId = personId, Kind = def.Kind, CreatedAt = source.CreatedAt, UpdatedAt = source.UpdatedAt };
            db.Plans.Add(plan);
        }
        var row = new PlanSection
        {
            Id = Guid.NewGuid(),
            PlanId = plan.Id,
            Key = def.Key,
            Version = section.Version,
            State = section.State,
            Content = SectionContent.Serialize(def, content),
            UpdatedAt = section.UpdatedAt,
        };
        db.PlanSections.Add(row);
        foreach (var earlier in section.History)
        {
            var words = JsonSerializer.Deserialize(earlier.ContentJson, def.ContentType, SectionContent.Json)!;
            db.PlanSectionVersions.Add(new PlanSectionVersion
            {
                Id = Guid.NewGuid(),
                SectionId = row.Id,
                Number = earlier.Number,
                Content = SectionContent.Serialize(def, words),
                AuthorUserId = Guid.Empty,
                Reason = earlier.Reason,
                CreatedAt = earlier.SavedAt,
            });
        }
        db.PlanSectionVersions.Add(new PlanSectionVersion
        {
            Id = Guid.NewGuid(),
            SectionId = row.Id,
            Number = section.Version,
            Content = row.Content,
            AuthorUserId = Guid.Empty,
            Reason = reason.Length > FhirReader.ReasonMaxLength ? reason[..FhirReader.ReasonMaxLength] : reason,
            CreatedAt = section.UpdatedAt,
        });
        if (plan.UpdatedAt < section.UpdatedAt)
        {
            plan.UpdatedAt = section.UpdatedAt;
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<FhirImportResult> Refused(Model.Person person, List<FhirProblem> problems, CancellationToken ct)
    {
        await audit.RecordAsync(person.Id, "fhir.import", "Everything", AuditOutcome.Denied, ct);
        return new FhirImportResult(false, problems, 0, 0, 0);
    }
}

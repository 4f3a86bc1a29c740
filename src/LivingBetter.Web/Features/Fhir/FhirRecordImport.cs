using Hl7.Fhir.Model;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Features.Organisation;
using LivingBetter.Web.Features.Records;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>What the administrator asked for besides the file.</summary>
/// <param name="PersonAgreed">The administrator records that the person agreed to their record being brought in (as ADR 0020).</param>
/// <param name="NotADuplicate">The administrator checked the team's people with a similar name and this is someone else.</param>
public sealed record RecordImportRequest(Guid? TeamId, bool PersonAgreed, bool NotADuplicate, string? Source);

/// <summary>
/// The outcome: imported (with the new person), or every problem (nothing saved), or people of the team
/// with a similar name to check first (nothing saved).
/// </summary>
public sealed record RecordImportResult(Guid? PersonId, IReadOnlyList<FhirProblem> Problems, IReadOnlyList<string> Similar,
    int Sections = 0, int CheckIns = 0, int WaitingConsents = 0, int Supporters = 0, int Measures = 0)
{
    public bool Imported => PersonId is not null;
}

/// <summary>
/// An organisation administrator brings a person's record in from a FHIR bundle (ADR 0023): validated exactly
/// as the person's own import (<see cref="FhirRecords.ReadBundle"/>), then saved whole as a staff-started,
/// unclaimed record for one of the administrator's teams (ADR 0020) that the person claims with a code.
/// Sharing permissions in the bundle wait for the person: an administrator cannot consent for them.
/// </summary>
public sealed class FhirRecordImport(LivingBetterDbContext db, FhirRecords records, CheckInService checkIns, StartedRecordsService started,
    MeasureService measures, AdminScope scope, CurrentUser current, AuditLog audit, TimeProvider time)
{
    public const string Action = "fhir.import-record";

    /// <summary>Teams of the organisations the signed-in user administers now (none: not an administrator).</summary>
    public async Task<IReadOnlyList<TeamOption>> TeamsAsync(CancellationToken ct = default)
    {
        if (!await scope.LoadAsync(ct))
        {
            return [];
        }
        var orgs = scope.OrganisationIds;
        return await db.Teams.AsNoTracking().Where(t => orgs.Contains(t.OrganisationId))
            .OrderBy(t => t.Name).Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(ct);
    }

    /// <param name="teams">The caller's <see cref="TeamsAsync"/>: the team must be one of them.</param>
    public async Task<RecordImportResult> ImportAsync(IReadOnlyList<TeamOption> teams, RecordImportRequest request, ReadOnlyMemory<byte> json, CancellationToken ct = default)
    {
        var problems = new List<FhirProblem>();
        var team = teams.Count == 1 && request.TeamId is null ? teams[0] : teams.FirstOrDefault(t => t.Id == request.TeamId);
        if (team is null)
        {
            problems.Add(new("team", "Choose the team that will support them", OperationOutcome.IssueType.Required));
        }
        if (!request.PersonAgreed)
        {
            problems.Add(new("personAgreed", "Confirm that the person agreed to their record being brought in", OperationOutcome.IssueType.Required));
        }
        var source = (request.Source ?? "").Trim();
        if (source.Length > ImportedRecord.SourceMaxLength)
        {
            problems.Add(new("source", $"Where the file came from must be {ImportedRecord.SourceMaxLength} characters or fewer", OperationOutcome.IssueType.TooLong));
        }
        var settings = team is null ? null : await checkIns.SettingsForTeamAsync(team.Id, ct);
        FhirPersonRecord? record = null;
        List<MeasureResponse> measureRows = [];
        if (settings is not null)
        {
            (record, var bundleProblems) = FhirRecords.ReadBundle(json.Span, settings);
            problems.AddRange(bundleProblems);
        }
        if (record is not null && team is not null)
        {
            // The person is new, so the measures are those switched on for the chosen team's organisation, not the
            // administrator's own; checked and scored again as the person's own import does.
            (measureRows, var measureProblems) = await records.ResolveMeasuresAsync(measures.EnabledForTeam(team.Id),
                $"{team.Name}'s organisation", null, current.RequiredId, record, ct);
            problems.AddRange(measureProblems);
        }
        if (problems.Count > 0 || record is null || team is null || settings is null)
        {
            var refused = "Refused: " + string.Join(", ", problems.Select(p => p.Expression).Distinct().Take(5));
            await audit.RecordAsync(null, Action, refused.Length > AuditEntry.PartMaxLength ? refused[..AuditEntry.PartMaxLength] : refused, AuditOutcome.Denied, ct);
            return new RecordImportResult(null, problems, []);
        }

        var similar = await started.SimilarInTeamAsync(team.Id, record.PreferredName, record.PreferredName, record.BirthDate, ct);
        if (similar.Count > 0 && !request.NotADuplicate)
        {
            return new RecordImportResult(null, [new("notADuplicate",
                $"{team.Name} already supports someone with a similar name. Check the list, then confirm this is a different person", OperationOutcome.IssueType.Duplicate)], similar);
        }

        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var person = started.Stage(team.Id, record.PreferredName, record.PreferredName, record.BirthDate, coordinate: false);
            person.BirthYear = record.BirthYear ?? person.BirthYear;
            person.Gender = record.Gender;
            db.ImportedRecords.Add(new ImportedRecord
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                OrganisationId = await db.Teams.Where(t => t.Id == team.Id).Select(t => t.OrganisationId).FirstAsync(ct),
                ImportedByUserId = current.RequiredId,
                ImportedAt = now,
                Source = source,
                SourcePatientId = record.PersonId == Guid.Empty ? "" : record.PersonId.ToString(),
                NamedSupporters = string.Join('\n', record.Supporters.Select(s => string.IsNullOrEmpty(s.Relationship) ? s.Name : $"{s.Name} ({s.Relationship})")),
            });
            foreach (var c in record.Consents.Where(c => c.WithdrawnAt is null))
            {
                db.ImportedConsents.Add(new ImportedConsent
                {
                    Id = Guid.NewGuid(),
                    PersonId = person.Id,
                    Part = c.Part,
                    Access = c.Access,
                    GranteeUserId = c.GranteeUserId,
                    GranteeTeamId = c.GranteeTeamId,
                    GivenAt = c.CreatedAt,
                    ExpiresAt = c.ExpiresAt,
                    Status = ImportedConsentStatus.Waiting,
                });
            }
            await db.SaveChangesAsync(ct);
            var written = await records.WritePlansAndCheckInsAsync(person.Id, record, settings, current.RequiredId, "Imported by an administrator from a FHIR bundle", ct);
            if (written is null)
            {
                await tx.RollbackAsync(ct);
                return null;
            }
            foreach (var row in measureRows)
            {
                row.PersonId = person.Id;
            }
            db.AddRange(measureRows);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new RecordImportResult(person.Id, [], [], written.Value.Sections, written.Value.CheckIns,
                record.Consents.Count(c => c.WithdrawnAt is null), record.Supporters.Count, measureRows.Count);
        });
        if (outcome is null)
        {
            db.ChangeTracker.Clear();
            await audit.RecordAsync(null, Action, "Refused: conflict", AuditOutcome.Denied, ct);
            return new RecordImportResult(null, [new("Bundle", "Something changed while importing; nothing was imported. Try again.", OperationOutcome.IssueType.Conflict)], []);
        }
        await audit.RecordAsync(outcome.PersonId, Action, "Everything", AuditOutcome.Allowed, ct);
        await audit.RecordAsync(outcome.PersonId, "record.agreement", "Record", ct: ct);
        return outcome;
    }

    /// <summary>How the person's record arrived, if an administrator imported it (for the person's own page).</summary>
    public async Task<(ImportedRecord Record, string ImportedBy)?> ImportedAsync(Guid personId, CancellationToken ct = default)
    {
        var found = await db.ImportedRecords.AsNoTracking().Where(r => r.PersonId == personId)
            .Select(r => new { Record = r, By = r.ImportedBy!.DisplayName }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.Record, found.By);
    }

    /// <summary>
    /// The sharing from an imported bundle still waiting for the person, each with who it was for (named here,
    /// or null when that person or team has no account here, so it cannot be turned on).
    /// </summary>
    public async Task<IReadOnlyList<WaitingConsent>> WaitingAsync(Guid personId, CancellationToken ct = default)
    {
        var rows = await db.ImportedConsents.AsNoTracking()
            .Where(c => c.PersonId == personId && c.Status == ImportedConsentStatus.Waiting)
            .OrderBy(c => c.GivenAt)
            .Select(c => new
            {
                Consent = c,
                User = db.Users.Where(u => u.Id == c.GranteeUserId).Select(u => u.DisplayName).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == c.GranteeTeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        return rows.Select(r => new WaitingConsent(r.Consent, r.User ?? r.Team, r.Consent.ExpiresAt is { } e && e <= now)).ToList();
    }

    /// <summary>
    /// The person turns a waiting permission on (it becomes an ordinary sharing grant, which they can withdraw
    /// like any other) or leaves it off. Only the record's owner; false when there is no such waiting permission
    /// or it cannot be turned on (the grantee has no account here, or it has ended).
    /// </summary>
    public async Task<bool> DecideAsync(Guid personId, Guid consentId, bool turnOn, CancellationToken ct = default)
    {
        var waiting = (await WaitingAsync(personId, ct)).FirstOrDefault(w => w.Consent.Id == consentId);
        if (waiting is null || (turnOn && (waiting.Grantee is null || waiting.Ended)))
        {
            await audit.RecordAsync(personId, "fhir.import-record.sharing", waiting?.Consent.Part.ToString() ?? "Sharing", AuditOutcome.Denied, ct);
            return false;
        }
        var now = time.GetUtcNow();
        var c = waiting.Consent;
        var updated = await db.ImportedConsents
            .Where(x => x.Id == consentId && x.PersonId == personId && x.Status == ImportedConsentStatus.Waiting)
            .ExecuteUpdateAsync(x => x.SetProperty(y => y.Status, turnOn ? ImportedConsentStatus.TurnedOn : ImportedConsentStatus.LeftOff).SetProperty(y => y.DecidedAt, now), ct);
        if (updated != 1)
        {
            return false;
        }
        if (turnOn)
        {
            db.SharingGrants.Add(new SharingGrant
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                GranteeUserId = c.GranteeUserId,
                GranteeTeamId = c.GranteeTeamId,
                Part = c.Part,
                Access = c.Access,
                CreatedAt = now,
                ExpiresAt = c.ExpiresAt,
            });
            await db.SaveChangesAsync(ct);
        }
        await audit.RecordAsync(personId, turnOn ? "fhir.import-record.sharing.on" : "fhir.import-record.sharing.off", c.Part.ToString(), ct: ct);
        return true;
    }

    /// <summary>An imported, unclaimed record of an organisation the signed-in user administers now; null otherwise.</summary>
    public async Task<ImportedRecordView?> FindAsync(Guid personId, CancellationToken ct = default)
    {
        if (!await scope.LoadAsync(ct))
        {
            return null;
        }
        var orgs = scope.OrganisationIds;
        var found = await db.ImportedRecords.AsNoTracking()
            .Where(r => r.PersonId == personId && orgs.Contains(r.OrganisationId) && r.Person!.UserId == null)
            .Select(r => new { Record = r, r.Person!.PreferredName, ImportedBy = r.ImportedBy!.DisplayName })
            .FirstOrDefaultAsync(ct);
        var team = found is null ? null : await db.StartedRecords.AsNoTracking().Where(s => s.PersonId == personId)
            .Select(s => new { s.TeamId, s.Team!.Name }).FirstOrDefaultAsync(ct);
        if (found is null || team is null)
        {
            return null;
        }
        var plans = await db.PlanSections.CountAsync(s => s.Plan!.PersonId == personId, ct);
        var checkInCount = await db.CheckIns.CountAsync(c => c.PersonId == personId, ct);
        var waiting = await db.ImportedConsents.CountAsync(c => c.PersonId == personId && c.Status == ImportedConsentStatus.Waiting, ct);
        var measureCount = await db.Set<MeasureResponse>().CountAsync(r => r.PersonId == personId, ct);
        return new ImportedRecordView(found.Record, found.PreferredName, found.ImportedBy, team.TeamId, team.Name, plans, checkInCount, waiting) { Measures = measureCount };
    }
}

/// <summary>A waiting permission; <see cref="Grantee"/> null when they have no account here.</summary>
public sealed record WaitingConsent(ImportedConsent Consent, string? Grantee, bool Ended);

public sealed record ImportedRecordView(ImportedRecord Record, string PersonName, string ImportedBy, Guid TeamId, string TeamName, int Sections, int CheckIns, int WaitingConsents)
{
    /// <summary>Completed outcome measures brought in with the record.</summary>
    public int Measures { get; init; }
}

using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Records;

public sealed record TeamOption(Guid Id, string Name);

public sealed record ClaimInvitationRow(Guid Id, string? Email, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string IssuedBy);

public enum ClaimState
{
    NotFound,
    Expired,
    Used,
    Cancelled,
    Usable,
}

public sealed record FoundClaim(ClaimState State, Invitation? Invitation, string? PersonName, string? TeamName, string? StartedBy);

public enum ClaimResult
{
    Claimed,
    NoLongerUsable,
    AccountNotCreated,
    /// <summary>The account already has a record of its own; we do not merge records.</summary>
    AlreadyHasRecord,
    /// <summary>Staff in the team that started the record cannot claim it themselves.</summary>
    StaffOfTeam,
}

/// <summary>
/// Staff starting a record with someone who has no account, inviting them to claim it, and the claim
/// itself. Each step is saved whole or not at all, and audited against the person's record.
/// </summary>
public sealed class StartedRecordsService(LivingBetterDbContext db, TimeProvider time, AuditLog audit, CurrentUser current, UserManager<AppUser> users)
{
    /// <summary>Long enough for a letter to arrive by post and be opened.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromDays(14);

    /// <summary>What the team can do with the record once the person has claimed it, until the person changes it.</summary>
    public static readonly (SharedPart Part, ShareAccess Access)[] TeamGrants =
    [
        (SharedPart.WellbeingPlan, ShareAccess.Suggest),
        (SharedPart.StayingWellPlan, ShareAccess.Suggest),
        (SharedPart.CheckIns, ShareAccess.View),
    ];

    /// <summary>Teams the signed-in user works in as staff or team lead.</summary>
    public async Task<IReadOnlyList<TeamOption>> MyTeamsAsync(CancellationToken ct = default)
    {
        if (current.Id is not { } me)
        {
            return [];
        }
        return await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == me && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .OrderBy(m => m.Team!.Name)
            .Select(m => new TeamOption(m.TeamId, m.Team!.Name))
            .ToListAsync(ct);
    }

    /// <summary>
    /// People the given team supports now whose name or date of birth matches, named the way the team
    /// knows them. Only ever the caller's own team: other teams' people are never revealed.
    /// </summary>
    public async Task<IReadOnlyList<string>> SimilarInTeamAsync(Guid teamId, string fullName, string preferredName, DateOnly? dateOfBirth, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var names = new[] { fullName, preferredName }.Select(n => n.Trim().ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        var people = await db.CareEpisodes.AsNoTracking()
            .Where(c => c.TeamId == teamId && (c.EndedAt == null || c.EndedAt > now))
            .Select(c => new
            {
                c.Person!.PreferredName,
                Started = db.StartedRecords.Where(r => r.PersonId == c.PersonId).Select(r => new { r.FullName, r.DateOfBirth }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return people
            .Where(p => names.Contains(p.PreferredName.Trim().ToUpperInvariant())
                || (p.Started is not null && names.Contains(p.Started.FullName.Trim().ToUpperInvariant()))
                || (dateOfBirth is not null && p.Started?.DateOfBirth == dateOfBirth
                    && FirstWord(p.Started.FullName) == FirstWord(fullName)))
            .Select(p => p.Started is null || p.Started.FullName == p.PreferredName ? p.PreferredName : $"{p.PreferredName} ({p.Started.FullName})")
            .Distinct()
            .Order()
            .ToList();
    }

    private static string FirstWord(string name) => name.Trim().Split(' ', 2)[0].ToUpperInvariant();

    /// <summary>The person, their care episode with the team, the team's grants and the record of agreement, in one save.</summary>
    public async Task<Person> StartAsync(Guid teamId, string fullName, string preferredName, DateOnly? dateOfBirth, CancellationToken ct = default)
    {
        var person = Stage(teamId, fullName, preferredName, dateOfBirth, coordinate: true);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(person.Id, "record.start", "Record", ct: ct);
        await audit.RecordAsync(person.Id, "record.agreement", "Record", ct: ct);
        return person;
    }

    /// <summary>
    /// Adds an unclaimed person with their started record, care episode and the team's grants to the
    /// context without saving, for callers that save it with more in one transaction (an administrator's
    /// FHIR import). <paramref name="coordinate"/>: the signed-in user becomes the care co-ordinator.
    /// </summary>
    public Person Stage(Guid teamId, string fullName, string preferredName, DateOnly? dateOfBirth, bool coordinate)
    {
        var now = time.GetUtcNow();
        var me = current.RequiredId;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            PreferredName = preferredName.Trim(),
            BirthYear = dateOfBirth?.Year,
            StartedByUserId = me,
            CreatedAt = now,
        };
        db.People.Add(person);
        db.StartedRecords.Add(new StartedRecord
        {
            Id = Guid.NewGuid(),
            PersonId = person.Id,
            TeamId = teamId,
            StartedByUserId = me,
            FullName = fullName.Trim(),
            DateOfBirth = dateOfBirth,
            PersonAgreedAt = now,
            StartedAt = now,
        });
        db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = person.Id, TeamId = teamId, CareCoordinatorUserId = coordinate ? me : null, StartedAt = now });
        foreach (var (part, access) in TeamGrants)
        {
            db.SharingGrants.Add(new SharingGrant { Id = Guid.NewGuid(), PersonId = person.Id, GranteeTeamId = teamId, Part = part, Access = access, CreatedAt = now });
        }
        return person;
    }

    public async Task<StartedRecord?> StartedRecordAsync(Guid personId, CancellationToken ct = default) =>
        await db.StartedRecords.AsNoTracking().Include(r => r.Team).Include(r => r.StartedBy).FirstOrDefaultAsync(r => r.PersonId == personId, ct);

    /// <summary>The team of mine that supports this unclaimed person now, if any: the team a claim invitation is issued for.</summary>
    public async Task<Guid?> MySupportingTeamAsync(Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var mine = (await MyTeamsAsync(ct)).Select(t => t.Id).ToList();
        return await db.CareEpisodes
            .Where(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now) && mine.Contains(c.TeamId))
            .OrderBy(c => c.StartedAt)
            .Select(c => (Guid?)c.TeamId)
            .FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<ClaimInvitationRow>> OpenInvitationsAsync(Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return await db.Invitations.AsNoTracking()
            .Where(i => i.PersonId == personId && i.Kind == InvitationKind.ClaimRecord && i.UsedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new ClaimInvitationRow(i.Id, i.Email, i.CreatedAt, i.ExpiresAt,
                db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "Someone who has left"))
            .ToListAsync(ct);
    }

    public sealed record NewClaim(Invitation Invitation, string Code);

    /// <summary>A new claim code. Earlier codes for the person stay usable until they expire or are cancelled.</summary>
    public async Task<NewClaim> IssueAsync(Guid personId, Guid teamId, string? email, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var code = ClaimCodes.New();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            Kind = InvitationKind.ClaimRecord,
            TokenHash = ClaimCodes.Hash(code)!,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            InvitedByUserId = current.RequiredId,
            PersonId = personId,
            TeamId = teamId,
            CreatedAt = now,
            ExpiresAt = now + ClaimLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "record.claim-invitation.create", "Record", ct: ct);
        return new NewClaim(invitation, code);
    }

    public async Task<bool> CancelAsync(Guid personId, Guid invitationId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cancelled = await db.Invitations
            .Where(i => i.Id == invitationId && i.PersonId == personId && i.Kind == InvitationKind.ClaimRecord && i.UsedAt == null && i.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.CancelledAt, now), ct);
        await audit.RecordAsync(personId, "record.claim-invitation.cancel", "Record", cancelled == 1 ? AuditOutcome.Allowed : AuditOutcome.Denied, ct);
        return cancelled == 1;
    }

    public async Task<FoundClaim> FindAsync(string? code, CancellationToken ct = default)
    {
        var hash = ClaimCodes.Hash(code);
        if (hash is null)
        {
            return new(ClaimState.NotFound, null, null, null, null);
        }
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.Kind == InvitationKind.ClaimRecord)
            .Select(i => new
            {
                Invitation = i,
                Person = db.People.Where(p => p.Id == i.PersonId).Select(p => new { p.PreferredName, p.UserId }).FirstOrDefault(),
                Team = db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(),
                StartedBy = db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found?.Person is null)
        {
            return new(ClaimState.NotFound, null, null, null, null);
        }
        var i = found.Invitation;
        var state = i.UsedAt is not null || found.Person.UserId is not null ? ClaimState.Used
            : i.CancelledAt is not null ? ClaimState.Cancelled
            : i.ExpiresAt <= time.GetUtcNow() ? ClaimState.Expired
            : ClaimState.Usable;
        return new(state, i, found.Person.PreferredName, found.Team, found.StartedBy);
    }

    /// <summary>
    /// Spends the invitation and makes the record the account's own, in one transaction: the account (new
    /// or the signed-in one), the Person role, the link from the record to the account. Refuses an account
    /// that already has a record (we never merge two records) and staff of the team that started it.
    /// </summary>
    public async Task<(ClaimResult Result, Guid? UserId)> ClaimAsync(Guid invitationId, Func<Task<Guid?>> account, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var invitation = await db.Invitations.AsNoTracking().FirstAsync(i => i.Id == invitationId, ct);
        var personId = invitation.PersonId!.Value;
        var (result, userId) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await account() is not { } userId)
            {
                return (ClaimResult.AccountNotCreated, (Guid?)null);
            }
            if (await db.People.AnyAsync(p => p.UserId == userId, ct))
            {
                return (ClaimResult.AlreadyHasRecord, userId);
            }
            if (userId == invitation.InvitedByUserId || await db.TeamMemberships.AnyAsync(m => m.UserId == userId && m.TeamId == invitation.TeamId
                    && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead), ct))
            {
                return (ClaimResult.StaffOfTeam, userId);
            }
            // Conditional, so that two people using the same code at once cannot both win.
            var spent = await db.Invitations
                .Where(i => i.Id == invitationId && i.UsedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedByUserId, userId), ct);
            var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId && p.UserId == null, ct);
            if (spent != 1 || person is null)
            {
                return (ClaimResult.NoLongerUsable, userId);
            }
            person.UserId = userId;
            person.StartedByUserId = null;
            var record = await db.StartedRecords.FirstOrDefaultAsync(r => r.PersonId == personId, ct);
            if (record is not null)
            {
                record.ClaimedAt = now;
            }
            await db.SaveChangesAsync(ct);
            // Any other code for this record is now pointless; stop it working.
            await db.Invitations
                .Where(i => i.PersonId == personId && i.Kind == InvitationKind.ClaimRecord && i.Id != invitationId && i.UsedAt == null && i.CancelledAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CancelledAt, now), ct);
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null || !(await users.IsInRoleAsync(user, Roles.Person) || (await users.AddToRoleAsync(user, Roles.Person)).Succeeded))
            {
                return (ClaimResult.NoLongerUsable, userId);
            }
            await tx.CommitAsync(ct);
            return (ClaimResult.Claimed, userId);
        });
        if (result == ClaimResult.Claimed)
        {
            await audit.RecordForActorAsync(userId!.Value, Roles.Person, personId, "record.claim", "Record", ct: ct);
        }
        else
        {
            db.ChangeTracker.Clear();
            if (userId is { } refused && result != ClaimResult.AccountNotCreated)
            {
                await audit.RecordForActorAsync(refused, current.IsSignedIn ? current.PrimaryRole : Roles.Person, personId, "record.claim", "Record", AuditOutcome.Denied, ct);
            }
        }
        return (result, userId);
    }

    /// <summary>Drafts written together with the person that wait for them to confirm or decline.</summary>
    public Task<int> WaitingDraftsAsync(Guid personId, CancellationToken ct = default) =>
        db.Set<SectionSuggestion>().CountAsync(s => s.Section!.Plan!.PersonId == personId && s.WrittenTogether && s.Status == SuggestionStatus.Pending, ct);
}

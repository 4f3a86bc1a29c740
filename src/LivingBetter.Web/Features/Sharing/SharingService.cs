using System.Security.Cryptography;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>Someone the person may share with: one of their supporters, a team caring for them, or named staff in that team.</summary>
public sealed record GranteeOption(string Value, string Text, Guid? UserId, Guid? TeamId);

/// <summary>The changes a person makes to their sharing. Each one is saved whole or not at all, and audited.</summary>
public sealed class SharingService(LivingBetterDbContext db, TimeProvider time, AuditLog audit)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    /// <summary>Everyone the person may choose from: values are "user:{id}" or "team:{id}", never free text.</summary>
    public async Task<IReadOnlyList<GranteeOption>> GranteeOptionsAsync(Guid personId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var supporters = await db.SupporterLinks.AsNoTracking()
            .Where(l => l.PersonId == personId && l.EndedAt == null)
            .OrderBy(l => l.Supporter!.DisplayName)
            .Select(l => new { l.SupporterUserId, l.Supporter!.DisplayName, l.Relationship })
            .ToListAsync(ct);
        var teamIds = db.CareEpisodes.Where(c => c.PersonId == personId && (c.EndedAt == null || c.EndedAt > now)).Select(c => c.TeamId);
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var staff = await db.TeamMemberships.AsNoTracking()
            .Where(m => teamIds.Contains(m.TeamId) && (m.Role == TeamRole.Staff || m.Role == TeamRole.TeamLead))
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new { m.UserId, m.User!.DisplayName, Team = m.Team!.Name })
            .ToListAsync(ct);
        var options = new List<GranteeOption>();
        options.AddRange(supporters.Select(s => new GranteeOption($"user:{s.SupporterUserId}", $"{s.DisplayName} ({s.Relationship})", s.SupporterUserId, null)));
        options.AddRange(teams.Select(t => new GranteeOption($"team:{t.Id}", $"Everyone in {t.Name} (your care team)", null, t.Id)));
        options.AddRange(staff.DistinctBy(s => s.UserId)
            .Where(s => supporters.All(x => x.SupporterUserId != s.UserId))
            .Select(s => new GranteeOption($"user:{s.UserId}", $"{s.DisplayName}, staff in {s.Team}", s.UserId, null)));
        return options;
    }

    public async Task<SharingGrant> ShareAsync(Guid personId, GranteeOption grantee, SharedPart part, ShareAccess access, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var grant = new SharingGrant
        {
            Id = Guid.NewGuid(),
            PersonId = personId,
            GranteeUserId = grantee.UserId,
            GranteeTeamId = grantee.TeamId,
            Part = part,
            Access = access,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.SharingGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "share.create", part.ToString(), ct: ct);
        return grant;
    }

    /// <summary>Stops one grant now. Only the person's own grants can be found, so another person's id answers false.</summary>
    public async Task<bool> WithdrawAsync(Guid personId, Guid grantId, CancellationToken ct = default)
    {
        var grant = await db.SharingGrants.FirstOrDefaultAsync(g => g.Id == grantId && g.PersonId == personId && g.WithdrawnAt == null, ct);
        if (grant is null)
        {
            var owner = await db.SharingGrants.Where(g => g.Id == grantId && g.PersonId != personId).Select(g => (Guid?)g.PersonId).FirstOrDefaultAsync(ct);
            if (owner is not null)
            {
                await audit.RecordAsync(owner, "share.withdraw", "Sharing", AuditOutcome.Denied, ct);
            }
            return false;
        }
        grant.WithdrawnAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "share.withdraw", grant.Part.ToString(), ct: ct);
        return true;
    }

    /// <summary>Ends a supporter link and stops everything shared with that supporter, in one save.</summary>
    public async Task<bool> RemoveSupporterAsync(Guid personId, Guid linkId, CancellationToken ct = default)
    {
        var link = await db.SupporterLinks.FirstOrDefaultAsync(l => l.Id == linkId && l.PersonId == personId && l.EndedAt == null, ct);
        if (link is null)
        {
            await RecordDeniedSupporterAsync(personId, linkId, "supporter.remove", ct);
            return false;
        }
        var now = time.GetUtcNow();
        link.EndedAt = now;
        var grants = await db.SharingGrants
            .Where(g => g.PersonId == personId && g.GranteeUserId == link.SupporterUserId && g.WithdrawnAt == null)
            .ToListAsync(ct);
        foreach (var g in grants)
        {
            g.WithdrawnAt = now;
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "supporter.remove", "Supporters", ct: ct);
        return true;
    }

    /// <summary>Someone tried another person's supporter link id: the owner's log shows the refused attempt.</summary>
    public async Task RecordDeniedSupporterAsync(Guid? callerPersonId, Guid linkId, string action, CancellationToken ct = default)
    {
        var owner = await db.SupporterLinks.Where(l => l.Id == linkId && l.PersonId != callerPersonId).Select(l => (Guid?)l.PersonId).FirstOrDefaultAsync(ct);
        if (owner is not null)
        {
            await audit.RecordAsync(owner, action, "Supporters", AuditOutcome.Denied, ct);
        }
    }

    public sealed record NewInvitation(Invitation Invitation, string Token);

    public async Task<NewInvitation> InviteSupporterAsync(Guid personId, Guid invitedByUserId, string? email, string relationship, CancellationToken ct = default)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            Kind = InvitationKind.Supporter,
            TokenHash = HashToken(token)!,
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            InvitedByUserId = invitedByUserId,
            PersonId = personId,
            Relationship = relationship.Trim(),
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(personId, "supporter.invite", "Supporters", ct: ct);
        return new NewInvitation(invitation, token);
    }

    /// <summary>SHA-256 hex of the token's 32 random bytes; null for anything that is not a token we could have made.</summary>
    public static string? HashToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(token);
            return bytes.Length == 32 ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public enum InvitationState
    {
        NotFound,
        Expired,
        Used,
        Usable,
    }

    public sealed record FoundInvitation(InvitationState State, Invitation? Invitation, string? PersonName);

    public async Task<FoundInvitation> FindSupporterInvitationAsync(string? token, CancellationToken ct = default)
    {
        var hash = HashToken(token);
        if (hash is null)
        {
            return new(InvitationState.NotFound, null, null);
        }
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash && i.Kind == InvitationKind.Supporter, ct);
        if (invitation?.PersonId is not { } personId)
        {
            return new(InvitationState.NotFound, null, null);
        }
        var name = await db.People.Where(p => p.Id == personId).Select(p => p.PreferredName).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return new(InvitationState.NotFound, null, null);
        }
        var state = invitation.UsedAt is not null ? InvitationState.Used
            : invitation.ExpiresAt <= time.GetUtcNow() ? InvitationState.Expired
            : InvitationState.Usable;
        return new(state, invitation, name);
    }

    public enum AcceptResult
    {
        Accepted,
        OwnInvitation,
        AlreadySupporter,
        NoLongerUsable,
        AccountNotCreated,
    }

    /// <summary>
    /// Uses the invitation once: finds (or creates) the account, marks the invitation used only if nobody
    /// else has, links the supporter and gives them the Supporter role, all in one transaction so that
    /// nothing is half-saved.
    /// </summary>
    public async Task<(AcceptResult Result, Guid? UserId)> AcceptAsync(Invitation invitation, Func<Task<Guid?>> account, Func<Guid, Task<bool>> addSupporterRole, CancellationToken ct = default)
    {
        var personId = invitation.PersonId!.Value;
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        var (result, userId) = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (await account() is not { } userId)
            {
                return (AcceptResult.AccountNotCreated, (Guid?)null);
            }
            var ownerUserId = await db.People.Where(p => p.Id == personId).Select(p => p.UserId).FirstOrDefaultAsync(ct);
            if (ownerUserId == userId)
            {
                return (AcceptResult.OwnInvitation, userId);
            }
            var existing = await db.SupporterLinks.FirstOrDefaultAsync(l => l.PersonId == personId && l.SupporterUserId == userId, ct);
            if (existing is { EndedAt: null })
            {
                return (AcceptResult.AlreadySupporter, userId);
            }
            // The conditional update is what makes the link single-use even when two people open it at once.
            var claimed = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.UsedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedByUserId, userId), ct);
            if (claimed != 1)
            {
                return (AcceptResult.NoLongerUsable, userId);
            }
            if (existing is not null)
            {
                existing.EndedAt = null;
                existing.Relationship = invitation.Relationship ?? "";
                existing.CreatedAt = now;
            }
            else
            {
                db.SupporterLinks.Add(new SupporterLink
                {
                    Id = Guid.NewGuid(),
                    PersonId = personId,
                    SupporterUserId = userId,
                    Relationship = invitation.Relationship ?? "",
                    CreatedAt = now,
                });
            }
            await db.SaveChangesAsync(ct);
            if (!await addSupporterRole(userId))
            {
                return (AcceptResult.NoLongerUsable, userId);
            }
            await tx.CommitAsync(ct);
            return (AcceptResult.Accepted, userId);
        });
        if (result == AcceptResult.Accepted)
        {
            await audit.RecordForActorAsync(userId!.Value, Roles.Supporter, personId, "supporter.accept", "Supporters", ct: ct);
        }
        else
        {
            db.ChangeTracker.Clear();
        }
        return (result, userId);
    }
}

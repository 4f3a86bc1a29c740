using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Data;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Staff;

public enum InvitationState
{
    Valid,
    Unknown,
    Used,
    Expired,
}

public sealed record InvitationView(Invitation Invitation, string OrganisationName, string? TeamName, bool TeamLead, InvitationState State);

/// <summary>
/// Inviting staff and accepting an invitation. Shared by the invite page and the accept page because
/// the token rules (how it is made, hashed and checked) must be identical in both.
/// </summary>
public sealed class StaffInvitations(LivingBetterDbContext db, UserManager<AppUser> users, TimeProvider time, IEmailSender email)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A database leak must not hand out live invitations, so only this hash is stored.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public async Task<bool> IsActiveStaffAsync(Guid organisationId, string emailAddress, CancellationToken ct)
    {
        var normalized = users.NormalizeEmail(emailAddress.Trim());
        return await db.StaffMemberships.AnyAsync(m => m.OrganisationId == organisationId && m.LeftAt == null
            && db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized), ct);
    }

    public async Task InviteAsync(Guid organisationId, Guid invitedBy, string emailAddress, JobRole jobRole, Guid? teamId, bool teamLead,
        bool makeAdministrator, string linkBase, CancellationToken ct)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            Kind = InvitationKind.Staff,
            TokenHash = Hash(token),
            Email = emailAddress.Trim(),
            InvitedByUserId = invitedBy,
            OrganisationId = organisationId,
            TeamId = teamId,
            JobRole = jobRole,
            MakeAdministrator = makeAdministrator,
            TeamRole = teamId is null ? null : teamLead ? TeamRole.TeamLead : TeamRole.Staff,
            CreatedAt = now,
            ExpiresAt = now.Add(Lifetime),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var organisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(ct);
        await email.SendAsync(new EmailMessage(invitation.Email,
            $"You have been invited to join {organisationName} on LivingBetter",
            $"Hello,\r\n\r\n{organisationName} has invited you to join LivingBetter as a member of staff ({JobRoles.Name(jobRole)}).\r\n\r\n" +
            $"To accept, open this link:\r\n{linkBase.TrimEnd('/')}/invitations/staff/{token}\r\n\r\n" +
            $"The link works once, and only for {Lifetime.Days} days.\r\n\r\n" +
            "If you were not expecting this, you can ignore this email.\r\n"), ct);
    }

    public async Task<InvitationView?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Hash(token);
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.Kind == InvitationKind.Staff)
            .Select(i => new
            {
                Invitation = i,
                OrganisationName = db.Organisations.Where(o => o.Id == i.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                TeamName = db.Teams.Where(t => t.Id == i.TeamId).Select(t => t.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.OrganisationName is null)
        {
            return null;
        }
        var state = found.Invitation.UsedAt is not null ? InvitationState.Used
            : found.Invitation.ExpiresAt <= time.GetUtcNow() ? InvitationState.Expired
            : InvitationState.Valid;
        return new InvitationView(found.Invitation, found.OrganisationName, found.TeamName,
            found.Invitation.TeamRole == TeamRole.TeamLead, state);
    }

    /// <summary>
    /// Creates the account (when <paramref name="newAccount"/> is given) and everything the invitation
    /// grants, in one transaction: a half-accepted invitation would leave someone with an account but
    /// no access, or access without the invitation being spent.
    /// </summary>
    /// <returns>Null when accepted; otherwise the reason, with Identity's errors for a new account.</returns>
    public async Task<(AppUser? User, string? Problem, IdentityResult? AccountErrors)> AcceptAsync(
        Guid invitationId, AppUser? existingUser, (string DisplayName, string Password)? newAccount, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            // Spend the invitation first, conditionally, so two tabs accepting at once cannot both win.
            var spent = await db.Invitations
                .Where(i => i.Id == invitationId && i.Kind == InvitationKind.Staff && i.UsedAt == null && i.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), ct);
            if (spent == 0)
            {
                return ((AppUser?)null, (string?)"This invitation has already been used or has expired.", (IdentityResult?)null);
            }
            var invitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Id == invitationId, ct);
            var organisationId = invitation.OrganisationId!.Value;

            var user = existingUser;
            if (user is null)
            {
                var (displayName, password) = newAccount ?? throw new ArgumentNullException(nameof(newAccount));
                user = new AppUser
                {
                    UserName = invitation.Email,
                    Email = invitation.Email,
                    // They proved they read this inbox by following the link.
                    EmailConfirmed = true,
                    DisplayName = displayName.Trim(),
                    CreatedAt = now,
                };
                var created = await users.CreateAsync(user, password);
                if (!created.Succeeded)
                {
                    return (null, null, created);
                }
            }

            var membership = await db.StaffMemberships.FirstOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == user.Id, ct);
            if (membership is { LeftAt: null })
            {
                return (null, "You are already a member of staff at this organisation, so there is nothing to accept.", null);
            }
            if (membership is null)
            {
                // Someone who left and is invited back reuses their row: one membership per organisation.
                membership = db.StaffMemberships.Add(new StaffMembership { Id = Guid.NewGuid(), OrganisationId = organisationId, UserId = user.Id }).Entity;
            }
            membership.JobRole = invitation.JobRole ?? JobRole.Other;
            membership.IsAdministrator = invitation.MakeAdministrator;
            membership.JoinedAt = now;
            membership.LeftAt = null;

            if (invitation.TeamId is { } teamId && await db.Teams.AnyAsync(t => t.Id == teamId && t.OrganisationId == organisationId, ct))
            {
                var role = invitation.TeamRole == TeamRole.TeamLead ? TeamRole.TeamLead : TeamRole.Staff;
                var teamMembership = await db.TeamMemberships.FirstOrDefaultAsync(m => m.TeamId == teamId && m.UserId == user.Id, ct);
                if (teamMembership is null)
                {
                    db.TeamMemberships.Add(new TeamMembership { Id = Guid.NewGuid(), TeamId = teamId, UserId = user.Id, Role = role, JoinedAt = now });
                }
                else
                {
                    teamMembership.Role = role;
                }
            }
            await db.Invitations.Where(i => i.Id == invitationId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedByUserId, user.Id), ct);
            await db.SaveChangesAsync(ct);
            await StaffRoles.SyncAsync(db, users, user, ct);
            await tx.CommitAsync(ct);
            return (user, null, null);
        });
    }
}

/// <summary>
/// Identity roles for staff follow from memberships. Recomputing them from scratch after every change
/// means ending a membership can never leave a stray OrgAdmin or TeamLead role behind.
/// </summary>
public static class StaffRoles
{
    public static async Task SyncAsync(LivingBetterDbContext db, UserManager<AppUser> users, AppUser user, CancellationToken ct)
    {
        var active = await db.StaffMemberships.Where(m => m.UserId == user.Id && m.LeftAt == null)
            .Select(m => new { m.OrganisationId, m.IsAdministrator }).ToListAsync(ct);
        var orgIds = active.Select(a => a.OrganisationId).ToList();
        var leads = await db.TeamMemberships.AnyAsync(m => m.UserId == user.Id && m.Role == TeamRole.TeamLead
            && orgIds.Contains(m.Team!.OrganisationId), ct);
        var wanted = new Dictionary<string, bool>
        {
            [Roles.Staff] = active.Count > 0,
            [Roles.TeamLead] = leads,
            [Roles.OrgAdmin] = active.Any(a => a.IsAdministrator),
        };
        var current = await users.GetRolesAsync(user);
        var removed = false;
        foreach (var (role, want) in wanted)
        {
            var has = current.Contains(role);
            if (want && !has)
            {
                Check(await users.AddToRoleAsync(user, role));
            }
            else if (!want && has)
            {
                Check(await users.RemoveFromRoleAsync(user, role));
                removed = true;
            }
        }
        if (removed)
        {
            // Sessions that still carry the old role are ended by the security stamp check.
            Check(await users.UpdateSecurityStampAsync(user));
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not update roles: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

public static class JobRoles
{
    public static string Name(JobRole role) => role switch
    {
        JobRole.CareCoordinator => "Care co-ordinator",
        JobRole.Nurse => "Nurse",
        JobRole.SocialWorker => "Social worker",
        JobRole.PeerSupportWorker => "Peer support worker",
        JobRole.SupportTimeAndRecoveryWorker => "Support, time and recovery worker",
        JobRole.Psychiatrist => "Psychiatrist",
        JobRole.Psychologist => "Psychologist",
        JobRole.OccupationalTherapist => "Occupational therapist",
        JobRole.Manager => "Manager",
        JobRole.Administrator => "Administrator",
        _ => "Other",
    };
}

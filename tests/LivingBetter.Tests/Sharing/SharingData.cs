using System.Security.Cryptography;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Sharing;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LivingBetter.Tests.Sharing;

/// <summary>Test data builders for sharing: supporters, grants, care episodes, invitations and a plan with a marker in it.</summary>
public static class SharingData
{
    private static int _counter;

    /// <summary>A supporter-only account (no person record of their own) linked to the person.</summary>
    public static async Task<Actor> CreateSupporterAsync(this LivingBetterApp app, Guid personId, string name = "Sam Supporter", string relationship = "friend")
    {
        var email = $"supporter{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}@test.livingbetter.example";
        return await app.WithServicesAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var db = sp.GetRequiredService<LivingBetterDbContext>();
            var user = new AppUser { UserName = email, Email = email, DisplayName = name, CreatedAt = app.Time.GetUtcNow() };
            Assert.True((await users.CreateAsync(user, LivingBetterApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Supporter);
            db.SupporterLinks.Add(new SupporterLink
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                SupporterUserId = user.Id,
                Relationship = relationship,
                CreatedAt = app.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            return new Actor(user.Id, email, LivingBetterApp.Password, null);
        });
    }

    public static Task<Guid> GrantAsync(this LivingBetterApp app, Guid personId, Guid? userId, Guid? teamId, SharedPart part,
        ShareAccess access = ShareAccess.View, DateTimeOffset? expiresAt = null, DateTimeOffset? withdrawnAt = null) =>
        app.WithDbAsync(async db =>
        {
            var grant = new SharingGrant
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                GranteeUserId = userId,
                GranteeTeamId = teamId,
                Part = part,
                Access = access,
                CreatedAt = app.Time.GetUtcNow().AddDays(-30),
                ExpiresAt = expiresAt,
                WithdrawnAt = withdrawnAt,
            };
            db.SharingGrants.Add(grant);
            await db.SaveChangesAsync();
            return grant.Id;
        });

    public static Task AddCareEpisodeAsync(this LivingBetterApp app, Guid personId, Guid teamId) =>
        app.WithDbAsync(async db =>
        {
            db.CareEpisodes.Add(new CareEpisode { Id = Guid.NewGuid(), PersonId = personId, TeamId = teamId, StartedAt = app.Time.GetUtcNow().AddDays(-60) });
            await db.SaveChangesAsync();
        });

    /// <summary>A staying-well plan whose crisis section holds <paramref name="marker"/>, to prove it never leaks.</summary>
    public static Task AddPlanWithMarkerAsync(this LivingBetterApp app, Guid personId, string marker) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Time.GetUtcNow();
            var plan = new Plan { Id = Guid.NewGuid(), PersonId = personId, Kind = PlanKind.StayingWell, CreatedAt = now, UpdatedAt = now };
            var content = $"{{\"takeOverSigns\":\"{marker}\"}}";
            var section = new PlanSection { Id = Guid.NewGuid(), PlanId = plan.Id, Key = "crisis", State = SectionState.Started, Version = 1, Content = content, UpdatedAt = now };
            section.Versions.Add(new PlanSectionVersion { Id = Guid.NewGuid(), Number = 1, Content = content, AuthorUserId = Guid.Empty, Reason = "Saved", CreatedAt = now });
            plan.Sections.Add(section);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
        });

    /// <summary>An unused supporter invitation; returns the token only the invitee would know.</summary>
    public static Task<string> InvitationAsync(this LivingBetterApp app, Guid personId, Guid invitedBy, TimeSpan? expiresIn = null) =>
        app.WithDbAsync(async db =>
        {
            var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            db.Invitations.Add(new Invitation
            {
                Id = Guid.NewGuid(),
                Kind = InvitationKind.Supporter,
                TokenHash = SharingService.HashToken(token)!,
                InvitedByUserId = invitedBy,
                PersonId = personId,
                Relationship = "cousin",
                CreatedAt = app.Time.GetUtcNow(),
                ExpiresAt = app.Time.GetUtcNow() + (expiresIn ?? TimeSpan.FromDays(7)),
            });
            await db.SaveChangesAsync();
            return token;
        });

    public static Task<Guid> SupporterLinkIdAsync(this LivingBetterApp app, Guid personId, Guid supporterUserId) =>
        app.WithDbAsync(db => db.SupporterLinks.Where(l => l.PersonId == personId && l.SupporterUserId == supporterUserId).Select(l => l.Id).SingleAsync());

    /// <summary>A finished bulk export of <paramref name="organisationId"/> with one file; returns their ids as route values.</summary>
    public static Task<(string JobId, string FileId)> FinishedExportAsync(this LivingBetterApp app, Guid organisationId, Guid adminUserId) =>
        app.WithDbAsync(async db =>
        {
            var job = new FhirExportJob
            {
                Id = Guid.NewGuid(),
                OrganisationId = organisationId,
                RequestedByUserId = adminUserId,
                Request = "https://localhost/fhir/$export",
                TransactionTime = app.Time.GetUtcNow(),
                State = FhirExportState.Done,
                CompletedAt = app.Time.GetUtcNow(),
            };
            var file = new FhirExportFile { Id = Guid.NewGuid(), JobId = job.Id, Type = "Patient", Part = 0, Count = 1, Content = "{\"resourceType\":\"Patient\"}\n" };
            db.AddRange(job, file);
            await db.SaveChangesAsync();
            return (job.Id.ToString(), file.Id.ToString());
        });
}

using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Teams;

internal sealed class TeamPlanConfiguration : IEntityTypeConfiguration<TeamPlan>
{
    public void Configure(EntityTypeBuilder<TeamPlan> e)
    {
        e.Property(p => p.AnnualReviewNotes).HasMaxLength(TeamPlan.NotesMaxLength);
        e.HasIndex(p => new { p.TeamId, p.CycleYear }).IsUnique();
        e.HasOne(p => p.Team).WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BenchmarkFrameworkConfiguration : IEntityTypeConfiguration<BenchmarkFramework>
{
    public void Configure(EntityTypeBuilder<BenchmarkFramework> e)
    {
        e.Property(f => f.Name).HasMaxLength(BenchmarkFramework.NameMaxLength);
        e.HasIndex(f => new { f.OrganisationId, f.Version });
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(f => f.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(f => f.Themes).WithOne().HasForeignKey(t => t.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        e.HasData(DefaultFramework.Framework);
    }
}

internal sealed class BenchmarkThemeConfiguration : IEntityTypeConfiguration<BenchmarkTheme>
{
    public void Configure(EntityTypeBuilder<BenchmarkTheme> e)
    {
        e.Property(t => t.Key).HasMaxLength(60);
        e.Property(t => t.Name).HasMaxLength(BenchmarkTheme.NameMaxLength);
        e.HasMany(t => t.Statements).WithOne(s => s.Theme).HasForeignKey(s => s.ThemeId).OnDelete(DeleteBehavior.Cascade);
        e.HasData(DefaultFramework.ThemeRows);
    }
}

internal sealed class BenchmarkStatementConfiguration : IEntityTypeConfiguration<BenchmarkStatement>
{
    public void Configure(EntityTypeBuilder<BenchmarkStatement> e)
    {
        e.Property(s => s.Key).HasMaxLength(60);
        e.Property(s => s.Text).HasMaxLength(BenchmarkStatement.TextMaxLength);
        e.HasData(DefaultFramework.StatementRows);
    }
}

internal sealed class BenchmarkRoundConfiguration : IEntityTypeConfiguration<BenchmarkRound>
{
    public void Configure(EntityTypeBuilder<BenchmarkRound> e)
    {
        e.HasOne(r => r.TeamPlan).WithMany().HasForeignKey(r => r.TeamPlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(r => r.Framework).WithMany().HasForeignKey(r => r.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(r => new { r.TeamPlanId, r.Number }).IsUnique();
    }
}

internal sealed class BenchmarkRatingConfiguration : IEntityTypeConfiguration<BenchmarkRating>
{
    public void Configure(EntityTypeBuilder<BenchmarkRating> e)
    {
        e.Property(r => r.Comment).HasMaxLength(BenchmarkRating.CommentMaxLength);
        e.Property(r => r.Perspective).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(r => new { r.RoundId, r.StatementId, r.UserId }).IsUnique();
        e.HasOne<BenchmarkRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BenchmarkStatement>().WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_BenchmarkRating_Score", "\"Score\" BETWEEN 1 AND 5"));
    }
}

internal sealed class AgreedRatingConfiguration : IEntityTypeConfiguration<AgreedRating>
{
    public void Configure(EntityTypeBuilder<AgreedRating> e)
    {
        e.Property(r => r.DiscussionNotes).HasMaxLength(AgreedRating.NotesMaxLength);
        e.HasIndex(r => new { r.RoundId, r.StatementId }).IsUnique();
        e.HasOne<BenchmarkRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BenchmarkStatement>().WithMany().HasForeignKey(r => r.StatementId).OnDelete(DeleteBehavior.Restrict);
        e.ToTable(t => t.HasCheckConstraint("CK_AgreedRating_Score", "\"Score\" BETWEEN 1 AND 5"));
    }
}

internal sealed class TeamPriorityConfiguration : IEntityTypeConfiguration<TeamPriority>
{
    public void Configure(EntityTypeBuilder<TeamPriority> e)
    {
        e.Property(p => p.Title).HasMaxLength(TeamPriority.TitleMaxLength);
        e.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(p => p.TeamPlanId);
        e.HasOne<TeamPlan>().WithMany().HasForeignKey(p => p.TeamPlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<BenchmarkStatement>().WithMany().HasForeignKey(p => p.StatementId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TeamActionConfiguration : IEntityTypeConfiguration<TeamAction>
{
    public void Configure(EntityTypeBuilder<TeamAction> e)
    {
        e.Property(a => a.Specific).HasMaxLength(TeamAction.TextMaxLength);
        e.Property(a => a.Measure).HasMaxLength(TeamAction.TextMaxLength);
        e.Property(a => a.Achievable).HasMaxLength(TeamAction.TextMaxLength);
        e.Property(a => a.Realistic).HasMaxLength(TeamAction.TextMaxLength);
        e.Property(a => a.WorkingGroup).HasMaxLength(TeamAction.WorkingGroupMaxLength);
        e.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(a => a.TeamPlanId);
        e.HasOne<TeamPlan>().WithMany().HasForeignKey(a => a.TeamPlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<TeamPriority>().WithMany().HasForeignKey(a => a.PriorityId).OnDelete(DeleteBehavior.SetNull);
        e.HasMany(a => a.Leads).WithOne().HasForeignKey(l => l.ActionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(a => a.IsOpen);
    }
}

internal sealed class ActionLeadConfiguration : IEntityTypeConfiguration<ActionLead>
{
    public void Configure(EntityTypeBuilder<ActionLead> e)
    {
        e.Property(l => l.Perspective).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(l => new { l.ActionId, l.UserId }).IsUnique();
        e.HasOne<AppUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActionUpdateConfiguration : IEntityTypeConfiguration<ActionUpdate>
{
    public void Configure(EntityTypeBuilder<ActionUpdate> e)
    {
        e.Property(u => u.Text).HasMaxLength(ActionUpdate.TextMaxLength);
        e.Property(u => u.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne<ReviewMeeting>().WithMany().HasForeignKey(u => u.ReviewMeetingId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReviewMeetingConfiguration : IEntityTypeConfiguration<ReviewMeeting>
{
    public void Configure(EntityTypeBuilder<ReviewMeeting> e)
    {
        e.Property(m => m.Notes).HasMaxLength(ReviewMeeting.NotesMaxLength);
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => m.TeamPlanId);
        e.HasOne<TeamPlan>().WithMany().HasForeignKey(m => m.TeamPlanId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewAttendeeConfiguration : IEntityTypeConfiguration<ReviewAttendee>
{
    public void Configure(EntityTypeBuilder<ReviewAttendee> e)
    {
        e.Property(a => a.Perspective).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(a => new { a.MeetingId, a.UserId }).IsUnique();
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TeamAssetConfiguration : IEntityTypeConfiguration<TeamAsset>
{
    public void Configure(EntityTypeBuilder<TeamAsset> e)
    {
        e.Property(a => a.Text).HasMaxLength(TeamAsset.TextMaxLength);
        e.Property(a => a.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(a => a.Visibility).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(a => a.TeamId);
        e.HasOne<Team>().WithMany().HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberProfileConfiguration : IEntityTypeConfiguration<MemberProfile>
{
    public void Configure(EntityTypeBuilder<MemberProfile> e)
    {
        foreach (var name in new[] { nameof(MemberProfile.Likes), nameof(MemberProfile.Interests), nameof(MemberProfile.PreviousJobs),
                     nameof(MemberProfile.FavouriteBookOrMusic), nameof(MemberProfile.TopTip), nameof(MemberProfile.AnythingElse) })
        {
            e.Property(name).HasMaxLength(MemberProfile.FieldMaxLength);
        }
        e.HasIndex(p => new { p.TeamId, p.UserId }).IsUnique();
        e.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

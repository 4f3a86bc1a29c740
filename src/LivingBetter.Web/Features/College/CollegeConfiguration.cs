using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.College;

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> e)
    {
        e.Property(c => c.Title).HasMaxLength(Course.TitleMaxLength);
        e.Property(c => c.Description).HasMaxLength(Course.DescriptionMaxLength);
        e.Property(c => c.Place).HasMaxLength(Course.PlaceMaxLength);
        e.Property(c => c.EnrolmentVersion).IsConcurrencyToken();
        e.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(c => c.LivedExperienceTrainer).WithMany().HasForeignKey(c => c.LivedExperienceTrainerUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(c => c.ProfessionalTrainer).WithMany().HasForeignKey(c => c.ProfessionalTrainerUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(c => c.Sessions).WithOne(s => s.Course).HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Enrolments).WithOne(s => s.Course).HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(c => c.OrganisationId);
    }
}

public sealed class CourseSessionConfiguration : IEntityTypeConfiguration<CourseSession>
{
    public void Configure(EntityTypeBuilder<CourseSession> e)
    {
        e.HasIndex(s => new { s.CourseId, s.Number }).IsUnique();
        e.HasIndex(s => s.StartsAt);
    }
}

public sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> e)
    {
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // One row per person per course: cancelling and coming back reuses it.
        e.HasIndex(x => new { x.CourseId, x.UserId }).IsUnique();
        e.HasMany(x => x.Attendance).WithOne(a => a.Enrolment).HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> e)
    {
        e.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => new { a.SessionId, a.EnrolmentId }).IsUnique();
    }
}

public sealed class SessionReminderConfiguration : IEntityTypeConfiguration<SessionReminder>
{
    public void Configure(EntityTypeBuilder<SessionReminder> e)
    {
        e.HasOne<CourseSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Enrolment>().WithMany().HasForeignKey(r => r.EnrolmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(r => new { r.SessionId, r.EnrolmentId }).IsUnique();
    }
}

public sealed class CourseFeedbackConfiguration : IEntityTypeConfiguration<CourseFeedback>
{
    public void Configure(EntityTypeBuilder<CourseFeedback> e)
    {
        e.Property(f => f.MostUseful).HasMaxLength(CourseFeedback.AnswerMaxLength);
        e.Property(f => f.WouldChange).HasMaxLength(CourseFeedback.AnswerMaxLength);
        e.HasOne(f => f.Course).WithMany().HasForeignKey(f => f.CourseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(f => new { f.CourseId, f.UserId }).IsUnique();
    }
}

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> e)
    {
        e.Property(t => t.Kind).HasMaxLength(TrainingRecord.KindMaxLength);
        e.HasOne<Model.Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(t => t.Course).WithMany().HasForeignKey(t => t.CourseId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(t => new { t.OrganisationId, t.Kind });
    }
}

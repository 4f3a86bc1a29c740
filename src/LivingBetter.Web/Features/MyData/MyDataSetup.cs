using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;

namespace LivingBetter.Web.Features.MyData;

public static class MyDataSetup
{
    /// <summary>How long the access log is kept after an account closes; shown on the page.</summary>
    public const int AccessLogRetentionYears = 8;

    /// <summary>
    /// Every column in the model that holds a person's or an account's id is listed here once, with what
    /// the download shows and what closing the account does (MyData/EveryKeyTests fails for a column
    /// missing from this list). Parents first: erasure runs in reverse.
    /// </summary>
    public static IServiceCollection AddMyDataFeature(this IServiceCollection services)
    {
        services.AddScoped<MyDataService>();

        // The person and their own record.
        services.AddUserData<Person>("person", nameof(Person.UserId));
        services.AddPersonData<CareEpisode>("careEpisodes", nameof(CareEpisode.PersonId));
        services.AddPersonData<SupporterLink>("supporters", nameof(SupporterLink.PersonId));
        services.AddPersonData<SharingGrant>("sharing", nameof(SharingGrant.PersonId));
        services.AddPersonData<Invitation>("invitations", nameof(Invitation.PersonId));
        // Who started the record with the person, for which team, and when they agreed.
        services.AddPersonData<StartedRecord>("recordStartedWithYou", nameof(StartedRecord.PersonId));
        // How a record an administrator imported arrived, and the sharing in it waiting for the person (ADR 0023).
        services.AddPersonData<ImportedRecord>("recordImportedForYou", nameof(ImportedRecord.PersonId));
        services.AddPersonData<ImportedConsent>("importedSharingWaitingForYou", nameof(ImportedConsent.PersonId));
        services.AddPersonData<Plan>("plans", nameof(Plan.PersonId));
        services.AddMyData<PlanSection>("planSections", id => s => s.Plan!.PersonId == id);
        services.AddMyData<PlanSectionVersion>("planSectionVersions", id => v => v.Section!.Plan!.PersonId == id);
        services.AddMyData<ProfessionalNote>("professionalViews", id => n => n.Section!.Plan!.PersonId == id);
        services.AddMyData<SectionSuggestion>("suggestions", id => s => s.Section!.Plan!.PersonId == id);
        services.AddPersonData<CheckIn>("checkIns", nameof(CheckIn.PersonId));
        services.AddMyData<CheckInRating>("checkInRatings", id => r => r.CheckIn!.PersonId == id);
        services.AddPersonData<CheckInSchedule>("checkInSchedule", nameof(CheckInSchedule.PersonId));
        services.AddPersonData<MeasureResponse>("measureResponses", nameof(MeasureResponse.PersonId));
        // Derived from the check-ins and measure responses above for the outcome reports; erased with them.
        services.AddPersonData<OutcomeDomainSummary>("outcomeSummariesByAreaOfLife", nameof(OutcomeDomainSummary.PersonId));
        services.AddPersonData<OutcomeMeasureSummary>("outcomeSummariesByMeasure", nameof(OutcomeMeasureSummary.PersonId));
        // The area rows above packed into one row per person, with unmet need decided from the wellbeing plan's goals.
        services.AddPersonData<OutcomePersonSummary>("outcomeSummaryPacked", nameof(OutcomePersonSummary.PersonId));
        services.AddPersonData<ResourceLink>("communityResources", nameof(ResourceLink.PersonId));
        // The organisation's care-plan quality audits that sampled the person's plan (answers and notes, no plan text).
        services.AddPersonData<QualityAuditPlan>("carePlanQualityAudits", nameof(QualityAuditPlan.PersonId));
        // API tokens other accounts limited to this record (ADR 0013): which program, what it may do, when; never the
        // fingerprint. They go with the record, as the database's cascade would take them.
        services.AddPersonData<ApiToken>("apiTokensLimitedToYourRecord", nameof(ApiToken.PersonId),
            shape: q => q.Select(t => (object)new { t.Id, t.Name, Holder = t.User!.DisplayName, t.Access, t.Parts, t.CreatedAt, t.ExpiresAt, t.RevokedAt }));

        // What the account holds as a supporter, member of staff, trainer or learner.
        services.AddUserData<SupporterLink>("peopleYouSupport", nameof(SupporterLink.SupporterUserId));
        services.AddUserData<SharingGrant>("sharedWithYou", nameof(SharingGrant.GranteeUserId));
        // Sharing from an imported file that names this account and waits for the person (ADR 0023): it goes, as a grant would.
        services.AddUserData<ImportedConsent>("importedSharingNamingYou", nameof(ImportedConsent.GranteeUserId));
        services.AddUserData<Invitation>("invitationsYouSent", nameof(Invitation.InvitedByUserId));
        services.AddUserData<Invitation>("invitationsYouAccepted", nameof(Invitation.UsedByUserId));
        // Memberships and roles by name, as "Your data" lists them, not only by id.
        services.AddUserData<StaffMembership>("staffMemberships", nameof(StaffMembership.UserId),
            shape: q => q.Select(m => (object)new { m.Id, Organisation = m.Organisation!.Name, m.JobRole, m.IsAdministrator, m.JoinedAt, m.LeftAt }));
        // Registered after the memberships they belong to, so closing erases them first.
        services.AddSingleton<IMyDataSection, OrganisationRolesSection>();
        services.AddUserData<TeamMembership>("teamMemberships", nameof(TeamMembership.UserId),
            shape: q => q.Select(m => (object)new { m.Id, Team = m.Team!.Name, Organisation = m.Team.Organisation!.Name, m.Role, m.JoinedAt }));
        // The account's API tokens, without their fingerprints; they go with the account.
        services.AddUserData<ApiToken>("apiTokens", nameof(ApiToken.UserId),
            shape: q => q.Select(t => (object)new { t.Id, t.Name, t.Hint, t.Access, t.PersonId, t.Parts, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }));
        services.AddUserData<Enrolment>("collegeEnrolments", nameof(Enrolment.UserId));
        services.AddUserData<CourseFeedback>("collegeFeedback", nameof(CourseFeedback.UserId));
        services.AddUserData<TrainingRecord>("trainingRecords", nameof(TrainingRecord.UserId));
        services.AddUserData<ResourceNote>("resourceNotes", nameof(ResourceNote.AuthorUserId));
        services.AddUserData<TeamAsset>("teamAssets", nameof(TeamAsset.OwnerUserId));
        services.AddUserData<MemberProfile>("teamProfiles", nameof(MemberProfile.UserId));
        services.AddUserData<BenchmarkRating>("teamPlanRatings", nameof(BenchmarkRating.UserId));
        services.AddUserData<ActionLead>("teamActionsYouLead", nameof(ActionLead.UserId));
        services.AddUserData<ReviewAttendee>("teamReviewsYouAttended", nameof(ReviewAttendee.UserId));
        services.AddUserData<IdentityUserRole<Guid>>("accountRoles", nameof(IdentityUserRole<>.UserId));
        services.AddUserData<IdentityUserClaim<Guid>>("accountClaims", nameof(IdentityUserClaim<>.UserId));
        services.AddUserData<IdentityUserLogin<Guid>>("accountSignInProviders", nameof(IdentityUserLogin<>.UserId),
            shape: q => q.Select(l => (object)new { l.LoginProvider, l.ProviderDisplayName }));
        // Authenticator keys and recovery codes are secrets: the download names them, never their values.
        services.AddUserData<IdentityUserToken<Guid>>("accountSecrets", nameof(IdentityUserToken<>.UserId),
            shape: q => q.Select(t => (object)new { t.LoginProvider, t.Name }));

        // Records that belong to someone else, a team or the organisation, which this account helped write.
        // They stay with their owner; the download lists which they are, and closing replaces this account with "someone who has left".
        services.AddUserData<Person>("recordsYouStarted", nameof(Person.StartedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<StartedRecord>("recordsYouStartedWithAgreement", nameof(StartedRecord.StartedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ImportedRecord>("recordsYouImported", nameof(ImportedRecord.ImportedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<CareEpisode>("peopleYouCoordinatedCareFor", nameof(CareEpisode.CareCoordinatorUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<PlanSectionVersion>("planVersionsYouWrote", nameof(PlanSectionVersion.AuthorUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<PlanSectionVersion>("planVersionsFromYourSuggestions", nameof(PlanSectionVersion.SuggestedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ProfessionalNote>("professionalViewsYouWrote", nameof(ProfessionalNote.AuthorUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<SectionSuggestion>("suggestionsYouMade", nameof(SectionSuggestion.SuggestedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<CheckIn>("checkInsYouRecorded", nameof(CheckIn.RecordedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<CheckIn>("checkInsWithYou", nameof(CheckIn.WorkerUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<MeasureResponse>("measuresYouRecorded", nameof(MeasureResponse.RecordedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<MeasureDefinition>("measuresYouAdded", nameof(MeasureDefinition.CreatedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ResourceLink>("resourcesYouSuggested", nameof(ResourceLink.SuggestedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ResourceNote>("resourceNotesYouHid", nameof(ResourceNote.HiddenByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ResourceProposal>("resourcesYouProposed", nameof(ResourceProposal.ProposedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<Course>("coursesYouTrainedWithLivedExperience", nameof(Course.LivedExperienceTrainerUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<Course>("coursesYouTrainedAsProfessional", nameof(Course.ProfessionalTrainerUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<SessionAttendance>("attendanceYouRecorded", nameof(SessionAttendance.RecordedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<TrainingRecord>("trainingYouRecorded", nameof(TrainingRecord.RecordedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<TeamPlan>("teamPlansYouStarted", nameof(TeamPlan.StartedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<AgreedRating>("teamRatingsYouRecordedAsAgreed", nameof(AgreedRating.AgreedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ActionUpdate>("teamActionUpdatesYouWrote", nameof(ActionUpdate.AuthorUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<ReviewMeeting>("teamReviewsYouRecorded", nameof(ReviewMeeting.RecordedByUserId), OnClose.ReplaceWithFormerUser);
        services.AddUserData<FhirExportJob>("bulkExportsYouRequested", nameof(FhirExportJob.RequestedByUserId), OnClose.ReplaceWithFormerUser);

        // The access log is part of the download but is kept when an account closes (the page says why).
        services.AddPersonData<AuditEntry>("accessLog", nameof(AuditEntry.PersonId), OnClose.Keep);
        // What this account did, without whose record it was: that is the other person's to know.
        services.AddUserData<AuditEntry>("yourActionsInTheLog", nameof(AuditEntry.ActorUserId), OnClose.Keep,
            shape: q => q.Select(a => (object)new { a.At, a.Action, a.Part, a.Outcome, a.Via }));
        return services;
    }
}

using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>Plain sentences about sharing, so every page says it the same way.</summary>
public static class SharingWords
{
    public static string Part(SharedPart part) => part switch
    {
        SharedPart.CrisisPlan => "crisis plan",
        SharedPart.StayingWellPlan => "whole staying-well plan",
        SharedPart.WellbeingPlan => "wellbeing plan",
        SharedPart.CheckIns => "check-ins and pictures",
        _ => part.ToString(),
    };

    public static string PartHint(SharedPart part) => part switch
    {
        SharedPart.CrisisPlan => "Only the part that says what you want to happen if things get very hard.",
        SharedPart.StayingWellPlan => "Every section of your staying-well plan, including the crisis plan.",
        SharedPart.WellbeingPlan => "Your goals, steps, strengths and the people and places that help you.",
        SharedPart.CheckIns => "Your wellbeing wheel check-ins and the pictures they make over time.",
        _ => "",
    };

    public static string Verb(ShareAccess access) => access == ShareAccess.Suggest ? "can see and suggest changes to" : "can see";

    /// <summary>Sharing ends at the start of the day after the chosen date, so "until 1 March" includes 1 March.</summary>
    public static string Until(DateTimeOffset? expiresAt) =>
        expiresAt is { } e ? $"until the end of {Wording.Date(e.AddTicks(-1))}" : "until you stop sharing";

    /// <summary>"Sam (friend) can see your crisis plan until the end of 1 March 2027."</summary>
    public static string Sentence(string grantee, SharingGrant grant) =>
        $"{grantee} {Verb(grant.Access)} your {Part(grant.Part)} {Until(grant.ExpiresAt)}.";

    public static string Action(string action) => action switch
    {
        "share.create" => "Started sharing",
        "share.withdraw" => "Stopped sharing",
        "supporter.invite" => "Invited a supporter",
        "supporter.accept" => "Accepted your invitation",
        "supporter.remove" => "Removed a supporter",
        "people.shared" => "Looked at what you share",
        "mydata.export" => "Downloaded your data",
        "account.close" => "Closed the account",
        "reporting.consent" => "Changed reporting choice",
        // The FHIR interface: programs (and people's own downloads) reading or sending records in the health-data standard.
        "fhir.download" => "Downloaded your record as a FHIR file",
        "fhir.import" => "Brought in a record from a file",
        "fhir.create.QuestionnaireResponse" => "Added a check-in, through the FHIR interface",
        "fhir.create.measure" => "Added questionnaire answers, through the FHIR interface",
        _ when action.StartsWith("fhir.", StringComparison.Ordinal) => "Looked at, through the FHIR interface",
        _ when action.EndsWith(".pdf", StringComparison.Ordinal) => "Downloaded a PDF",
        _ when action.EndsWith(".print", StringComparison.Ordinal) => "Printed",
        _ when action.EndsWith(".view", StringComparison.Ordinal) || action.EndsWith(".read", StringComparison.Ordinal) => "Looked at",
        _ when action.EndsWith(".export", StringComparison.Ordinal) => "Exported",
        _ => action,
    };

    public static string AuditPart(string part) =>
        Enum.TryParse<SharedPart>(part, out var p) ? Part(p)
        : part == Auth.PersonAccess.AnyPart ? "what you share"
        : part;
}

/// <summary>Where the read-only view of each part lives (built by the plans and check-ins features).</summary>
public static class SharedPartLinks
{
    public static string For(Guid personId, SharedPart part) => part switch
    {
        SharedPart.CrisisPlan => $"/people/{personId}/plans/staying-well/crisis",
        SharedPart.StayingWellPlan => $"/people/{personId}/plans",
        SharedPart.WellbeingPlan => $"/people/{personId}/plans",
        _ => $"/people/{personId}/check-ins",
    };
}

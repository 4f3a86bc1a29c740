using System.Security.Cryptography;
using System.Text;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Teams;

/// <summary>
/// The benchmarking framework every organisation starts with, written for LivingBetter. Its themes follow
/// the things a team recovery plan asks teams to think about and the ten organisational challenges for
/// recovery; the wording is our own. It ships as seed data with fixed ids so every installation has it.
/// </summary>
public static class DefaultFramework
{
    public const string Name = "Recovery in our team (LivingBetter default)";
    public static readonly Guid Id = StableId("framework");
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<(string Key, string Name, (string Key, string Text)[] Statements)> Themes =
    [
        ("everyday", "Everyday relationships and hope",
        [
            ("equals", "Staff and people using the service talk with each other as equals, with warmth and respect, in everyday contact."),
            ("hope", "We expect that people can build a good life, and we say so."),
            ("stories", "People hear how others facing similar challenges found their way, and can share their own story if they want to."),
        ]),
        ("choice", "Choice, control and personal plans",
        [
            ("decide", "Each person gets help to decide what they want, even when it is not what staff would choose."),
            ("own-plan", "Each person can have a recovery or staying-well plan in their own words; staff can have a wellbeing-at-work plan too."),
            ("shared-notes", "Support plans are worked out together, and people can read and add to their own notes."),
            ("budgets", "People know about personal budgets and direct payments, and get help to use them the way they choose."),
        ]),
        ("goals", "Goals and celebrating progress",
        [
            ("own-goals", "Goals are the person's own, and the team notices and celebrates progress towards them."),
        ]),
        ("risk", "Trying new things safely",
        [
            ("positive-risk", "The team helps people try new things and take considered risks, rather than avoiding every risk."),
            ("safety-plans", "Safety plans are written with the person and say what they find helpful."),
        ]),
        ("community", "Life beyond the service",
        [
            ("opportunities", "The team knows about local opportunities (work, learning, leisure, faith, volunteering) and helps people take them up."),
            ("community-understanding", "The team helps local organisations and employers understand mental health challenges and make room for people."),
            ("signposting", "People get help to find and use different kinds of support, inside and outside mental health services."),
        ]),
        ("family", "Family, friends and carers",
        [
            ("involve-others", "People who matter to the person, like family and friends, are involved in the way the person wants."),
            ("carers", "Carers and family members get support with their own wellbeing and recovery."),
        ]),
        ("learning", "Peer support and learning together",
        [
            ("peer-support", "People can get support from peers with lived experience, including peer support workers."),
            ("learn-together", "People using the service and staff learn about recovery side by side, on courses led jointly by people with lived experience."),
            ("college", "The team is linked with a recovery college or similar and encourages people to take part."),
        ]),
        ("equals", "Working as equals",
        [
            ("co-design", "People using the service help design, run and review what the team does, not only comment on staff plans."),
            ("recruitment", "People using the service take part in recruiting and interviewing staff."),
            ("talents", "The skills and talents of everyone in the team, staff and people using the service, are known and put to use."),
        ]),
        ("staff", "Staff, leadership and culture",
        [
            ("leadership", "Leaders at every level speak up for recovery and make time for this plan."),
            ("supervision", "Supervision and appraisal help staff work in recovery-focused ways."),
            ("staff-experience", "The team values lived experience among its staff, and staff can draw on their own experience thoughtfully."),
            ("staff-wellbeing", "Staff wellbeing is looked after, and staff are supported in their own recovery."),
        ]),
    ];

    public static BenchmarkFramework Framework => new()
    {
        Id = Id,
        OrganisationId = null,
        Name = Name,
        Version = 1,
        IsCurrent = true,
        CreatedAt = Created,
    };

    public static IEnumerable<BenchmarkTheme> ThemeRows =>
        Themes.Select((t, i) => new BenchmarkTheme { Id = StableId("theme:" + t.Key), FrameworkId = Id, Order = i + 1, Key = t.Key, Name = t.Name });

    public static IEnumerable<BenchmarkStatement> StatementRows =>
        Themes.SelectMany(t => t.Statements.Select((s, i) => new BenchmarkStatement
        {
            Id = StableId("statement:" + s.Key),
            ThemeId = StableId("theme:" + t.Key),
            Order = i + 1,
            Key = s.Key,
            Text = s.Text,
        }));

    /// <summary>Ids derived from the key, so the seed data is identical in every migration and installation.</summary>
    private static Guid StableId(string key) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("livingbetter:trip-default:" + key)).AsSpan(0, 16));
}

using System.ComponentModel;
using System.Reflection;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Plans;

/// <summary>How a field is labelled and limited. Every section's content is a small record whose properties carry this.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldAttribute(string label) : Attribute
{
    public string Label { get; } = label;
    public string? Hint { get; init; }
    public int MaxLength { get; init; } = 2000;

    /// <summary>For lists: the most items kept.</summary>
    public int MaxItems { get; init; } = 30;

    /// <summary>Filled in elsewhere (for example by the post-crisis review), so the section form leaves it alone.</summary>
    public bool EditedElsewhere { get; init; }

    /// <summary>For rows: what one row is called, such as "Supporter".</summary>
    public string RowLabel { get; init; } = "Item";
}

/// <summary>A list of text items chosen from the person's own wellness toolbox.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PickFromToolboxAttribute : Attribute;

/// <summary>A goal chosen from the person's wellbeing plan.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PickGoalAttribute : Attribute;

public enum FieldKind
{
    Text,
    ShortText,
    Lines,
    ToolboxPick,
    Rows,
    Money,
    Date,
    Choice,
    GoalPick,
}

public sealed record FieldDef(PropertyInfo Property, FieldAttribute Meta, FieldKind Kind, IReadOnlyList<FieldDef> RowFields, Type? RowType)
{
    public string Name => Property.Name;
    public string Label => Meta.Label;

    public static FieldDef From(PropertyInfo p)
    {
        var meta = p.GetCustomAttribute<FieldAttribute>() ?? new FieldAttribute(p.Name);
        var t = p.PropertyType;
        var under = Nullable.GetUnderlyingType(t) ?? t;
        if (t == typeof(string))
        {
            return new(p, meta, meta.MaxLength <= 200 ? FieldKind.ShortText : FieldKind.Text, [], null);
        }
        if (t == typeof(List<string>))
        {
            return new(p, meta, p.GetCustomAttribute<PickFromToolboxAttribute>() is null ? FieldKind.Lines : FieldKind.ToolboxPick, [], null);
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>))
        {
            var row = t.GetGenericArguments()[0];
            return new(p, meta, FieldKind.Rows, PlanStructure.FieldsOf(row), row);
        }
        if (under == typeof(decimal))
        {
            return new(p, meta, FieldKind.Money, [], null);
        }
        if (under == typeof(DateOnly))
        {
            return new(p, meta, FieldKind.Date, [], null);
        }
        if (under.IsEnum)
        {
            return new(p, meta, FieldKind.Choice, [], null);
        }
        if (under == typeof(Guid) && p.GetCustomAttribute<PickGoalAttribute>() is not null)
        {
            return new(p, meta, FieldKind.GoalPick, [], null);
        }
        throw new InvalidOperationException($"No field kind for {p.DeclaringType?.Name}.{p.Name}.");
    }

    /// <summary>The words shown for an enum value: its [Description], else its name.</summary>
    public static string ChoiceText(object value) =>
        value.GetType().GetField(value.ToString() ?? "")?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? value.ToString() ?? "";
}

/// <summary>One section of a plan: where it lives, what it is called, the short guidance we give, and the shape of its content.</summary>
public sealed record SectionDef(PlanKind Kind, string Key, string Title, string Guidance, Type ContentType, SharedPart Part, bool MayBeDistressing = false)
{
    public IReadOnlyList<FieldDef> Fields { get; } = PlanStructure.FieldsOf(ContentType);
    public IEnumerable<FieldDef> EditableFields => Fields.Where(f => !f.Meta.EditedElsewhere);
}

/// <summary>
/// The one place that defines both plans: their sections, in order, with guidance in our own words.
/// Pages, PDFs, history and the API all read from here.
/// </summary>
public static class PlanStructure
{
    public const string StayingWellSlug = "staying-well";
    public const string WellbeingSlug = "wellbeing";
    public const string WellbeingPlanTitle = "My wellbeing plan";

    public const string Crisis = "crisis";
    public const string PostCrisis = "post-crisis";
    public const string Toolbox = "toolbox";
    public const string Goals = "goals";
    public const string Budget = "budget";

    public static readonly IReadOnlyList<SectionDef> StayingWell =
    [
        new(PlanKind.StayingWell, "when-well", "What I'm like when I'm well",
            "Start with yourself at your best. How do you look, sound and feel when things are going well? Others may use this to notice how you are, and it reminds you what you are working towards.",
            typeof(WhenWellContent), SharedPart.StayingWellPlan),
        new(PlanKind.StayingWell, Toolbox, "My wellness toolbox",
            "List the things that help you feel well and stay well: people, places, activities, small comforts. Big or small, everything counts. Your action plans can pick from this list.",
            typeof(ToolboxContent), SharedPart.StayingWellPlan),
        new(PlanKind.StayingWell, "daily", "Daily maintenance",
            "What do you need to do every day to keep well? Then, separately, the things you might need to do on some days, such as booking an appointment or catching up with a friend.",
            typeof(DailyContent), SharedPart.StayingWellPlan),
        new(PlanKind.StayingWell, "triggers", "Triggers and my action plan",
            "Triggers are things outside you that can knock you off balance, like a difficult anniversary or money worries. Noting them, and what you'll do, takes away some of their power.",
            typeof(TriggersContent), SharedPart.StayingWellPlan, MayBeDistressing: true),
        new(PlanKind.StayingWell, "early-warning", "Early warning signs and my action plan",
            "Early warning signs are small changes inside you that tell you things are starting to slip, like sleeping badly or avoiding people. Catching them early gives you more choices.",
            typeof(EarlyWarningContent), SharedPart.StayingWellPlan, MayBeDistressing: true),
        new(PlanKind.StayingWell, "breaking-down", "When things are breaking down and my action plan",
            "This is for when things have become much harder but you can still act for yourself. Write down the signs, and clear, simple steps you'll take.",
            typeof(BreakingDownContent), SharedPart.StayingWellPlan, MayBeDistressing: true),
        new(PlanKind.StayingWell, Crisis, "Crisis plan",
            "Your crisis plan tells the people you trust what you want if you can no longer make decisions for yourself. Writing it while you are well means your wishes are known. Take it slowly.",
            typeof(CrisisContent), SharedPart.CrisisPlan, MayBeDistressing: true),
        new(PlanKind.StayingWell, PostCrisis, "Post-crisis plan",
            "How will you know the worst has passed, and how will you ease back into life? After a crisis you can also review what helped and change your plan.",
            typeof(PostCrisisContent), SharedPart.StayingWellPlan, MayBeDistressing: true),
    ];

    public static readonly IReadOnlyList<SectionDef> Wellbeing =
    [
        new(PlanKind.Wellbeing, Goals, "My goals",
            "Your goals are at the centre of this plan. Write them in your own words: what you'd like your life to be like. Then break each one into small steps.",
            typeof(GoalsContent), SharedPart.WellbeingPlan),
        new(PlanKind.Wellbeing, "strengths", "My strengths",
            "What are you good at? What do people value in you? What has got you through hard times before?",
            typeof(StrengthsContent), SharedPart.WellbeingPlan),
        new(PlanKind.Wellbeing, "resources", "My resources",
            "The people, groups and places you can draw on: your own resources, your family and friends, and your community.",
            typeof(ResourcesContent), SharedPart.WellbeingPlan),
        new(PlanKind.Wellbeing, "staying-safe", "Staying safe",
            "In your own words: what can make things less safe for you, what keeps you safe, and who you can turn to.",
            typeof(StayingSafeContent), SharedPart.WellbeingPlan, MayBeDistressing: true),
        new(PlanKind.Wellbeing, Budget, "Personal budget or direct payment",
            "If you have a personal budget or direct payment, note how much it is and what it pays for, towards which goal. We add up the totals for you.",
            typeof(BudgetContent), SharedPart.WellbeingPlan),
        new(PlanKind.Wellbeing, "care", "Care co-ordinator and review",
            "Who co-ordinates your care, how to reach them, and when you'll next look at this plan together.",
            typeof(CareContent), SharedPart.WellbeingPlan),
    ];

    public static IReadOnlyList<SectionDef> For(PlanKind kind) => kind == PlanKind.StayingWell ? StayingWell : Wellbeing;

    public static SectionDef? Find(PlanKind kind, string key) => For(kind).FirstOrDefault(s => s.Key == key);

    public static string Slug(PlanKind kind) => kind == PlanKind.StayingWell ? StayingWellSlug : WellbeingSlug;

    public static PlanKind? KindFromSlug(string? slug) => slug switch
    {
        StayingWellSlug => PlanKind.StayingWell,
        WellbeingSlug => PlanKind.Wellbeing,
        _ => null,
    };

    public static IReadOnlyList<FieldDef> FieldsOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<FieldAttribute>() is not null)
            .Select(FieldDef.From)
            .ToList();

    public const string DistressNote =
        "Writing about hard times can bring up difficult feelings. Go at your own pace, take breaks, and stop whenever you need to: everything you save is kept. You might like to write this part with someone you trust.";
}

// The content records: one per section. Property names become JSON names, so renaming one is a data migration.

public sealed record WhenWellContent
{
    [Field("When I'm well, I am…", Hint = "For example: chatty, up early, enjoying cooking, patient with the kids.", MaxLength = 4000)]
    public string Description { get; init; } = "";

    [Field("A few words that describe me at my best", Hint = "One on each line.", MaxLength = 100, MaxItems = 20)]
    public List<string> Words { get; init; } = [];
}

public sealed record ToolboxContent
{
    [Field("Things that help me stay well", Hint = "One on each line, such as: a walk by the river, phoning my sister, music on headphones.", MaxLength = 200, MaxItems = 50)]
    public List<string> Tools { get; init; } = [];

    [Field("Anything else about my toolbox", MaxLength = 2000)]
    public string Notes { get; init; } = "";
}

public sealed record DailyContent
{
    [Field("Things I do every day to keep well", Hint = "One on each line.", MaxLength = 200)]
    public List<string> EveryDay { get; init; } = [];

    [Field("Things I might need to do on some days", Hint = "One on each line, such as: pay the rent, book a check-up, see a friend.", MaxLength = 200)]
    public List<string> MightNeed { get; init; } = [];
}

public sealed record TriggersContent
{
    [Field("My triggers", Hint = "One on each line.", MaxLength = 300)]
    public List<string> Triggers { get; init; } = [];

    [Field("Tools from my toolbox I'll use", MaxLength = 200, MaxItems = 50)]
    [PickFromToolbox]
    public List<string> ToolsToUse { get; init; } = [];

    [Field("What I'll do if a trigger comes up", MaxLength = 4000)]
    public string MyActions { get; init; } = "";
}

public sealed record EarlyWarningContent
{
    [Field("My early warning signs", Hint = "One on each line.", MaxLength = 300)]
    public List<string> Signs { get; init; } = [];

    [Field("Tools from my toolbox I'll use", MaxLength = 200, MaxItems = 50)]
    [PickFromToolbox]
    public List<string> ToolsToUse { get; init; } = [];

    [Field("What I'll do when I notice them", MaxLength = 4000)]
    public string MyActions { get; init; } = "";
}

public sealed record BreakingDownContent
{
    [Field("Signs that things are breaking down", Hint = "One on each line.", MaxLength = 300)]
    public List<string> Signs { get; init; } = [];

    [Field("Tools from my toolbox I'll use", MaxLength = 200, MaxItems = 50)]
    [PickFromToolbox]
    public List<string> ToolsToUse { get; init; } = [];

    [Field("What I'll do, step by step", MaxLength = 4000)]
    public string MyActions { get; init; } = "";
}

public sealed record CrisisSupporter
{
    [Field("Name", MaxLength = 100)]
    public string Name { get; init; } = "";

    [Field("Relationship", MaxLength = 60)]
    public string Relationship { get; init; } = "";

    [Field("How to contact them", MaxLength = 200)]
    public string Contact { get; init; } = "";

    [Field("What I'd like them to do", MaxLength = 1000)]
    public string WhatIWant { get; init; } = "";
}

public sealed record CrisisContent
{
    [Field("Signs that mean others should take over", Hint = "What would tell the people around you that you can no longer make decisions for yourself?", MaxLength = 4000)]
    public string TakeOverSigns { get; init; } = "";

    [Field("My supporters", Hint = "The people I want to help, and what I'd like each of them to do.", MaxItems = 10, RowLabel = "Supporter")]
    public List<CrisisSupporter> Supporters { get; init; } = [];

    [Field("People I do not want involved", Hint = "You can say why if you want to.", MaxLength = 2000)]
    public string NotInvolved { get; init; } = "";

    [Field("Medicines I take", Hint = "Name, dose and when, if you know them.", MaxLength = 2000)]
    public string Medicines { get; init; } = "";

    [Field("Allergies", MaxLength = 1000)]
    public string Allergies { get; init; } = "";

    [Field("Medicines to avoid", Hint = "And why, if you want to say.", MaxLength = 1000)]
    public string MedicinesToAvoid { get; init; } = "";

    [Field("Treatments I prefer", MaxLength = 2000)]
    public string TreatmentsPreferred { get; init; } = "";

    [Field("Treatments I want to avoid", MaxLength = 2000)]
    public string TreatmentsToAvoid { get; init; } = "";

    [Field("Places I'd prefer to be cared for", Hint = "For example: at home with the crisis team, a crisis house, a particular ward.", MaxLength = 2000)]
    public string PlacesPreferred { get; init; } = "";

    [Field("Places I want to avoid", MaxLength = 2000)]
    public string PlacesToAvoid { get; init; } = "";

    [Field("What helps me in a crisis", MaxLength = 4000)]
    public string WhatHelps { get; init; } = "";

    [Field("What does not help", MaxLength = 4000)]
    public string WhatDoesNotHelp { get; init; } = "";

    [Field("Who does what at home", Hint = "Children, pets, bills, plants, letting work know.", MaxLength = 2000)]
    public string AtHome { get; init; } = "";

    [Field("Signs that my supporters no longer need to use this plan", MaxLength = 2000)]
    public string NoLongerNeeded { get; init; } = "";
}

public sealed record PostCrisisReview
{
    [Field("Date of the review")]
    public DateOnly? Date { get; init; }

    [Field("What helped", MaxLength = 4000)]
    public string WhatHelped { get; init; } = "";

    [Field("What did not help", MaxLength = 4000)]
    public string WhatDidNotHelp { get; init; } = "";

    [Field("What I want to change in my plan", MaxLength = 4000)]
    public string WhatToChange { get; init; } = "";
}

public sealed record PostCrisisContent
{
    [Field("How I'll know I'm out of crisis", MaxLength = 4000)]
    public string OutOfCrisisSigns { get; init; } = "";

    [Field("People I want to thank", MaxLength = 2000)]
    public string PeopleToThank { get; init; } = "";

    [Field("What I'll pick up again, and when", Hint = "For example: back to work part-time after two weeks; driving once I feel steady.", MaxLength = 4000)]
    public string ResumeWhen { get; init; } = "";

    [Field("Things I want to look after while I recover", MaxLength = 2000)]
    public string LookAfter { get; init; } = "";

    [Field("My post-crisis reviews", EditedElsewhere = true, MaxItems = 50)]
    public List<PostCrisisReview> Reviews { get; init; } = [];
}

public enum StepStatus
{
    [Description("Not started")]
    NotStarted,
    [Description("Under way")]
    UnderWay,
    [Description("Done")]
    Done,
}

public sealed record GoalStep
{
    public Guid Id { get; init; }
    public string Text { get; init; } = "";
    public DateOnly? By { get; init; }
    public string WhoHelps { get; init; } = "";
    public StepStatus Status { get; init; }
}

public sealed record Goal
{
    public const int WordsMaxLength = 500;
    public const int TextMaxLength = 2000;
    public const int StepMaxLength = 300;

    public Guid Id { get; init; }
    public string Words { get; init; } = "";
    public string WhyItMatters { get; init; } = "";
    public string? DomainKey { get; init; }
    public List<GoalStep> Steps { get; init; } = [];
    public DateOnly? AchievedOn { get; init; }
    public string Celebration { get; init; } = "";
}

public sealed record GoalsContent
{
    [Field("My goals", EditedElsewhere = true, MaxItems = 30)]
    public List<Goal> Items { get; init; } = [];
}

public sealed record StrengthsContent
{
    [Field("What I'm good at", Hint = "One on each line.", MaxLength = 200)]
    public List<string> GoodAt { get; init; } = [];

    [Field("What other people value in me", Hint = "One on each line.", MaxLength = 200)]
    public List<string> OthersValue { get; init; } = [];

    [Field("What has got me through before", MaxLength = 4000)]
    public string GotMeThrough { get; init; } = "";
}

public sealed record ResourcesContent
{
    [Field("My own resources", Hint = "Skills, interests, things I own or can do. One on each line.", MaxLength = 200)]
    public List<string> Personal { get; init; } = [];

    [Field("Family and friends", Hint = "One on each line.", MaxLength = 200)]
    public List<string> Family { get; init; } = [];

    [Field("My community", Hint = "Groups, places, faith, clubs, services. One on each line.", MaxLength = 200)]
    public List<string> Community { get; init; } = [];
}

public sealed record StayingSafeContent
{
    [Field("What can make things less safe for me", MaxLength = 4000)]
    public string LessSafe { get; init; } = "";

    [Field("What keeps me safe", MaxLength = 4000)]
    public string KeepsMeSafe { get; init; } = "";

    [Field("Who I can turn to, day or night", MaxLength = 2000)]
    public string WhoICanContact { get; init; } = "";

    [Field("What I'd like others to do if they are worried about me", MaxLength = 4000)]
    public string OthersCanDo { get; init; } = "";
}

public enum BudgetKind
{
    [Description("Notional budget (the council or trust holds it)")]
    Notional,
    [Description("Managed for me by another organisation")]
    ThirdPartyManaged,
    [Description("Direct payment to me")]
    DirectPayment,
}

public enum BudgetPeriod
{
    [Description("a week")]
    Week,
    [Description("a month")]
    Month,
    [Description("a year")]
    Year,
    [Description("one-off")]
    OneOff,
}

public sealed record BudgetItem
{
    [Field("What it pays for", MaxLength = 200)]
    public string What { get; init; } = "";

    [Field("Cost in pounds")]
    public decimal? Cost { get; init; }

    [Field("Towards which goal")]
    [PickGoal]
    public Guid? GoalId { get; init; }
}

public sealed record BudgetContent
{
    [Field("Kind of budget")]
    public BudgetKind? Kind { get; init; }

    [Field("Amount in pounds", Hint = "For example, 1200 or 85.50.")]
    public decimal? Amount { get; init; }

    [Field("Period")]
    public BudgetPeriod? Period { get; init; }

    [Field("What it pays for", MaxItems = 20, RowLabel = "Spending item")]
    public List<BudgetItem> Items { get; init; } = [];

    [Field("Anything else about my budget", MaxLength = 2000)]
    public string Notes { get; init; } = "";

    public decimal Spent => Items.Sum(i => i.Cost ?? 0);
    public decimal? Remaining => Amount is { } a ? a - Spent : null;
}

public sealed record CareContent
{
    [Field("My care co-ordinator", MaxLength = 100)]
    public string CareCoordinator { get; init; } = "";

    [Field("How to contact them", MaxLength = 200)]
    public string Contact { get; init; } = "";

    [Field("Next review date")]
    public DateOnly? NextReview { get; init; }

    [Field("What I'd like to talk about at the review", MaxLength = 2000)]
    public string ForReview { get; init; } = "";
}

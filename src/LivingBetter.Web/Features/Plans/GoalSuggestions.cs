using LivingBetter.Web.Model;

namespace LivingBetter.Web.Features.Plans;

/// <summary>
/// A goal someone with Suggest access proposes (a new goal, or a change to one goal). It is kept as a
/// suggestion on the goals section holding just that one goal, so accepting it changes that goal only
/// and leaves every other goal the person wrote since exactly as it is.
/// </summary>
public static class GoalSuggestions
{
    private static readonly SectionDef GoalsDef = PlanStructure.Find(PlanKind.Wellbeing, PlanStructure.Goals)!;

    public static Goal? Proposed(string json) => ((GoalsContent)SectionContent.Parse(GoalsDef, json)).Items.FirstOrDefault();

    public static string Serialize(Goal goal) => SectionContent.Serialize(GoalsDef, new GoalsContent { Items = [goal] });

    /// <summary>What accepting it would do, in words the person reads before deciding.</summary>
    public static IReadOnlyList<string> Changes(IReadOnlyList<Goal> goals, Goal? proposed)
    {
        if (proposed is null)
        {
            return [];
        }
        var current = goals.FirstOrDefault(g => g.Id == proposed.Id);
        if (current is null)
        {
            return [$"A new goal: {SectionContent.DescribeGoal(proposed)}"];
        }
        var before = SectionContent.DescribeGoal(current);
        var after = SectionContent.DescribeGoal(proposed);
        return before == after ? [] : [$"Your goal “{current.Words}” would become: {after}", $"It says now: {before}"];
    }

    /// <summary>The goals with the proposal merged in: the one goal replaced, or added at the end.</summary>
    public static List<Goal> Merge(IReadOnlyList<Goal> goals, Goal proposed) =>
        goals.Any(g => g.Id == proposed.Id) ? goals.Select(g => g.Id == proposed.Id ? proposed : g).ToList() : [.. goals, proposed];

    /// <summary>Why the new version exists, as the person's history shows it.</summary>
    public static string AcceptReason(SectionSuggestion suggestion, string proposer) =>
        suggestion.WrittenTogether ? $"Confirmed what I wrote together with {proposer}" : $"Accepted a suggestion from {proposer}";
}

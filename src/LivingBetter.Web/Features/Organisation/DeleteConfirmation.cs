namespace LivingBetter.Web.Features.Organisation;

/// <summary>
/// What a confirmation page needs. Removing things is on its own page, never a button beside a list,
/// so that nobody loses a team or a colleague to a slipped tap.
/// </summary>
public sealed record DeleteConfirmation(string Heading, string ItemName, string? Blocker, string CancelHref, string ButtonText,
    string Consequence = "This cannot be undone.");

using System.Security.Claims;
using LivingBetter.Web.Infrastructure;
using LivingBetter.Web.Model;

namespace LivingBetter.Web.Auth;

/// <summary>
/// How far an API token reaches within what its account may see (ADR 0013, amended 2026-12-07, night): every record, or one
/// person's; every part, or some. A session, and a token made to reach everything, has <see cref="Whole"/>.
/// <see cref="PersonAccess"/> applies it to every decision, so nothing outside it is ever read through the token.
/// </summary>
public sealed record TokenScope(Guid? PersonId, IReadOnlySet<SharedPart>? Parts)
{
    public static readonly TokenScope Whole = new(null, null);

    /// <summary>Limited to one person's record or to some parts.</summary>
    public bool IsNarrow => PersonId is not null || Parts is not null;

    /// <summary>Every part of a record is within it: a token limited to some parts also leaves out the owner's sharing, supporters and access log.</summary>
    public bool HasEveryPart => Parts is null;

    /// <summary>The level the account has, or none where the token does not reach.</summary>
    public AccessLevel Limit(Guid personId, SharedPart part, AccessLevel level) =>
        (PersonId is { } only && only != personId) || (Parts is { } parts && !parts.Contains(part)) ? AccessLevel.None : level;

    /// <summary>
    /// The parts chosen, as kept: the staying-well plan brings its crisis plan (as a share of it does), and a choice of
    /// every part is no limit (null).
    /// </summary>
    public static IReadOnlySet<SharedPart>? PartsFrom(IEnumerable<SharedPart> chosen)
    {
        var parts = chosen.ToHashSet();
        if (parts.Contains(SharedPart.StayingWellPlan))
        {
            parts.Add(SharedPart.CrisisPlan);
        }
        return parts.Count == Enum.GetValues<SharedPart>().Length ? null : parts;
    }

    /// <summary>Parts as the token's row and claim hold them: names in the enum's order, comma-separated; null for every part.</summary>
    public static string? Format(IReadOnlySet<SharedPart>? parts) =>
        parts is null ? null : string.Join(',', parts.Order().Select(p => p.ToString()));

    /// <summary>The reverse of <see cref="Format"/>. A name it does not know counts for nothing, so an unreadable value narrows rather than widens.</summary>
    public static IReadOnlySet<SharedPart>? ParseParts(string? stored) =>
        stored is null ? null
        : stored.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(EnumNames.Parse<SharedPart>).OfType<SharedPart>().ToHashSet();

    /// <summary>The scope a token's principal carries (see <see cref="LivingBetterClaims.TokenPerson"/>), or <see cref="Whole"/>.</summary>
    public static TokenScope Of(ClaimsPrincipal? principal)
    {
        var person = principal?.FindFirstValue(LivingBetterClaims.TokenPerson);
        var parts = principal?.FindFirstValue(LivingBetterClaims.TokenParts);
        if (person is null && parts is null)
        {
            return Whole;
        }
        // A person claim that cannot be read reaches no one: Guid.Empty is nobody's id.
        return new TokenScope(person is null ? null : Guid.TryParse(person, out var id) ? id : Guid.Empty, ParseParts(parts));
    }
}

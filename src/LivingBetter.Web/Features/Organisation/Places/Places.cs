using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Organisation.Places;

/// <summary>
/// Divisions and localities are both just named groupings that teams point at, so one set of pages
/// serves both; this says which one a request is about and how to talk about it.
/// </summary>
public sealed record PlaceKind(string Slug, string Singular, string Plural, string Hint)
{
    public static readonly PlaceKind Division = new("divisions", "division", "divisions",
        "A part of the organisation with its own plan, such as Adult Mental Health Services.");

    public static readonly PlaceKind Locality = new("localities", "locality", "localities",
        "A place you serve, such as a town or borough. Teams and reports can be grouped by it.");

    public static PlaceKind? FromSlug(string? slug) => slug switch
    {
        "divisions" => Division,
        "localities" => Locality,
        _ => null,
    };

    public string Title => char.ToUpperInvariant(Singular[0]) + Singular[1..];
    public string PluralTitle => char.ToUpperInvariant(Plural[0]) + Plural[1..];
}

public sealed record PlaceRow(Guid Id, Guid OrganisationId, string Name, int Teams);

/// <summary>The few queries that differ only by table.</summary>
public static class PlaceQueries
{
    /// <summary>Filters go in before the projection, because EF cannot translate a filter on a constructed record.</summary>
    public static IQueryable<PlaceRow> Rows(LivingBetterDbContext db, PlaceKind kind, Guid? organisationId = null, Guid? id = null) =>
        kind == PlaceKind.Division
            ? db.Divisions
                .Where(d => (organisationId == null || d.OrganisationId == organisationId) && (id == null || d.Id == id))
                .OrderBy(d => d.Name)
                .Select(d => new PlaceRow(d.Id, d.OrganisationId, d.Name, db.Teams.Count(t => t.DivisionId == d.Id)))
            : db.Localities
                .Where(l => (organisationId == null || l.OrganisationId == organisationId) && (id == null || l.Id == id))
                .OrderBy(l => l.Name)
                .Select(l => new PlaceRow(l.Id, l.OrganisationId, l.Name, db.Teams.Count(t => t.LocalityId == l.Id)));

    public static Task<bool> NameTakenAsync(LivingBetterDbContext db, PlaceKind kind, Guid organisationId, string name, Guid? exceptId, CancellationToken ct)
    {
        var lowered = name.ToLower();
        return kind == PlaceKind.Division
            ? db.Divisions.AnyAsync(d => d.OrganisationId == organisationId && d.Id != exceptId && d.Name.ToLower() == lowered, ct)
            : db.Localities.AnyAsync(l => l.OrganisationId == organisationId && l.Id != exceptId && l.Name.ToLower() == lowered, ct);
    }
}

public sealed class PlaceInput
{
    [Required(ErrorMessage = "Enter a name")]
    [StringLength(Model.Organisation.NameMaxLength, ErrorMessage = "Name must be 120 characters or fewer")]
    public string Name { get; set; } = "";
}

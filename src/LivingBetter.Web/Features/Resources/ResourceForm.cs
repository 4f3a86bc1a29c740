using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Resources;

/// <summary>The fields of a directory entry, as typed into the form (adding, editing, proposing and reviewing one).</summary>
public sealed class ResourceInput
{
    [Required(ErrorMessage = "Enter the name of the group or service")]
    [StringLength(CommunityResource.NameMaxLength, ErrorMessage = "Name must be 150 characters or fewer")]
    public string? Name { get; set; }

    [StringLength(40, ErrorMessage = "Choose the kind of resource")]
    public string? Category { get; set; }

    [StringLength(40, ErrorMessage = "Choose the area, or anywhere")]
    public string? Locality { get; set; }

    [Required(ErrorMessage = "Enter what it is and what happens there")]
    [StringLength(CommunityResource.TextMaxLength, ErrorMessage = "What it is must be 2000 characters or fewer")]
    public string? Description { get; set; }

    [StringLength(CommunityResource.TextMaxLength, ErrorMessage = "Who it suits must be 2000 characters or fewer")]
    public string? WhoItSuits { get; set; }

    [StringLength(CommunityResource.TextMaxLength, ErrorMessage = "How to get there must be 2000 characters or fewer")]
    public string? HowToGetThere { get; set; }

    [StringLength(CommunityResource.ContactMaxLength, ErrorMessage = "Contact must be 300 characters or fewer")]
    public string? Contact { get; set; }

    [StringLength(CommunityResource.WebsiteMaxLength, ErrorMessage = "Website must be 300 characters or fewer")]
    public string? Website { get; set; }

    public static ResourceInput From(CommunityResource r) => new()
    {
        Name = r.Name,
        Category = r.Category.ToString(),
        Locality = r.LocalityId?.ToString() ?? "",
        Description = r.Description,
        WhoItSuits = r.WhoItSuits,
        HowToGetThere = r.HowToGetThere,
        Contact = r.Contact,
        Website = r.Website,
    };

    public static ResourceInput From(ResourceProposal p) => new()
    {
        Name = p.Name,
        Category = p.Category.ToString(),
        Locality = p.LocalityId?.ToString() ?? "",
        Description = p.Description,
        WhoItSuits = p.WhoItSuits,
        HowToGetThere = p.HowToGetThere,
        Contact = p.Contact,
        Website = p.Website,
    };
}

/// <summary>A checked entry: every field trimmed, the kind known, the area one of the organisation's.</summary>
public sealed record ResourceDraft(Guid OrganisationId, Guid? LocalityId, ResourceCategory Category, string Name, string Description,
    string WhoItSuits, string HowToGetThere, string Contact, string Website)
{
    public void ApplyTo(CommunityResource r)
    {
        r.LocalityId = LocalityId;
        r.Category = Category;
        r.Name = Name;
        r.Description = Description;
        r.WhoItSuits = WhoItSuits;
        r.HowToGetThere = HowToGetThere;
        r.Contact = Contact;
        r.Website = Website;
    }

    public void ApplyTo(ResourceProposal p)
    {
        p.LocalityId = LocalityId;
        p.Category = Category;
        p.Name = Name;
        p.Description = Description;
        p.WhoItSuits = WhoItSuits;
        p.HowToGetThere = HowToGetThere;
        p.Contact = Contact;
        p.Website = Website;
    }
}

/// <summary>The rules for a directory entry, shared by every form that writes one, checked before anything is saved.</summary>
public static class ResourceForm
{
    public sealed record Area(Guid Id, Guid OrganisationId, string Name);

    /// <summary>The areas of the given organisations, for the form's list and for checking what was chosen.</summary>
    public static async Task<List<Area>> AreasAsync(LivingBetterDbContext db, IReadOnlyCollection<Guid> organisationIds, CancellationToken ct) =>
        (await db.Localities.AsNoTracking().Where(l => organisationIds.Contains(l.OrganisationId))
            .Select(l => new Area(l.Id, l.OrganisationId, l.Name)).ToListAsync(ct))
        .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();

    public static List<SelectListItem> AreaItems(IEnumerable<Area> areas) =>
        [new SelectListItem("Anywhere (not one area)", ""), .. areas.Select(a => new SelectListItem(a.Name, a.Id.ToString()))];

    public static List<SelectListItem> CategoryItems() =>
        [new SelectListItem("Choose a kind", ""), .. Enum.GetValues<ResourceCategory>().Select(c => new SelectListItem(ResourceWording.Category(c), c.ToString()))];

    /// <summary>
    /// Checks the input. The entry belongs to the chosen area's organisation, or to <paramref name="defaultOrganisationId"/>
    /// when it is for anywhere. Errors name the field, prefixed with <paramref name="prefix"/>.
    /// </summary>
    public static ResourceDraft? Validate(ResourceInput input, IReadOnlyList<Area> areas, Guid defaultOrganisationId, string prefix,
        List<(string Field, string Message)> errors)
    {
        var before = errors.Count;
        ResourceCategory category = default;
        if (string.IsNullOrWhiteSpace(input.Category))
        {
            errors.Add((prefix + "Category", "Choose the kind of resource"));
        }
        else if (!Enum.TryParse(input.Category.Trim(), out category) || !Enum.IsDefined(category) || int.TryParse(input.Category, out _))
        {
            errors.Add((prefix + "Category", "Choose the kind of resource from the list"));
        }
        Area? area = null;
        if (!string.IsNullOrWhiteSpace(input.Locality))
        {
            area = Guid.TryParse(input.Locality, out var id) ? areas.FirstOrDefault(a => a.Id == id) : null;
            if (area is null)
            {
                errors.Add((prefix + "Locality", "Choose an area from the list, or anywhere"));
            }
        }
        var website = input.Website?.Trim() ?? "";
        if (website.Length > 0 && !(Uri.TryCreate(website, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add((prefix + "Website", "Enter the website as a full address starting with https://, or leave it empty"));
        }
        if (errors.Count > before || string.IsNullOrWhiteSpace(input.Name) || string.IsNullOrWhiteSpace(input.Description))
        {
            return null;
        }
        return new ResourceDraft(area?.OrganisationId ?? defaultOrganisationId, area?.Id, category, input.Name.Trim(), input.Description.Trim(),
            input.WhoItSuits?.Trim() ?? "", input.HowToGetThere?.Trim() ?? "", input.Contact?.Trim() ?? "", website);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>
/// An organisation administrator sets the wheel's life domains and rating scale. Past check-ins keep
/// the scale they were given on, and domains are switched off rather than deleted, so history stays true.
/// </summary>
public sealed partial class WheelAdminModel(LivingBetterDbContext db, CurrentUser current, AuditLog audit) : PageModel
{
    public const int MinimumActiveDomains = 3;

    [BindProperty]
    public ScaleInput Scale { get; set; } = new();

    [BindProperty]
    public List<DomainField> Domains { get; set; } = [];

    [BindProperty]
    public NewDomainInput NewDomain { get; set; } = new();

    public sealed class ScaleInput
    {
        [Range(0, 1, ErrorMessage = "Lowest rating must be 0 or 1")]
        public int Min { get; set; } = 1;

        [Range(3, 10, ErrorMessage = "Highest rating must be from 3 to 10")]
        public int Max { get; set; } = 10;

        [Required(ErrorMessage = "Enter what the lowest rating means")]
        [StringLength(60, ErrorMessage = "What the lowest rating means must be 60 characters or fewer")]
        public string LowLabel { get; set; } = "";

        [Required(ErrorMessage = "Enter what the highest rating means")]
        [StringLength(60, ErrorMessage = "What the highest rating means must be 60 characters or fewer")]
        public string HighLabel { get; set; } = "";
    }

    public sealed class DomainField
    {
        public Guid Id { get; set; }

        [Required(ErrorMessage = "Enter a name for each part of life")]
        [StringLength(60, ErrorMessage = "Name must be 60 characters or fewer")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a one-line description for each part of life")]
        [StringLength(200, ErrorMessage = "Description must be 200 characters or fewer")]
        public string Description { get; set; } = "";

        public bool IsActive { get; set; }
    }

    public sealed class NewDomainInput
    {
        [StringLength(60, ErrorMessage = "Name must be 60 characters or fewer")]
        public string? Name { get; set; }

        [StringLength(200, ErrorMessage = "Description must be 200 characters or fewer")]
        public string? Description { get; set; }
    }

    public bool UsingDefaults { get; private set; }
    public string? Message { get; private set; }

    private async Task<Model.Organisation?> OrganisationAsync(CancellationToken ct)
    {
        if (!current.IsInRole(Roles.OrgAdmin) || current.Id is not { } userId)
        {
            return null;
        }
        return await db.Organisations.FirstOrDefaultAsync(o => db.StaffMemberships.Any(m => m.OrganisationId == o.Id && m.UserId == userId && m.IsAdministrator && m.LeftAt == null), ct);
    }

    private async Task LoadAsync(Model.Organisation org, bool keepPosted, CancellationToken ct)
    {
        var own = await db.LifeDomains.AsNoTracking().Where(d => d.OrganisationId == org.Id).OrderBy(d => d.Order).ToListAsync(ct);
        UsingDefaults = own.Count == 0;
        if (!keepPosted)
        {
            Scale = new ScaleInput { Min = org.WheelScaleMin, Max = org.WheelScaleMax, LowLabel = org.WheelScaleLowLabel, HighLabel = org.WheelScaleHighLabel };
            var shown = UsingDefaults ? DefaultDomains.All.ToList() : own;
            Domains = shown.Select(d => new DomainField { Id = d.Id, Name = d.Name, Description = d.Description, IsActive = d.IsActive }).ToList();
        }
    }

    public async Task<IActionResult> OnGetAsync(bool saved, CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } org)
        {
            return NotFound();
        }
        await LoadAsync(org, false, ct);
        Message = saved ? "Saved. Check-ins from now on use these settings; earlier check-ins keep theirs." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostScaleAsync(CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } org)
        {
            return NotFound();
        }
        Only("Scale");
        if (Scale.Max <= Scale.Min)
        {
            ModelState.AddModelError("Scale.Max", "Highest rating must be more than the lowest");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(org, true, ct);
            var shown = await DomainsShownAsync(org, ct);
            Domains = shown;
            return Page();
        }
        org.WheelScaleMin = Scale.Min;
        org.WheelScaleMax = Scale.Max;
        org.WheelScaleLowLabel = Scale.LowLabel.Trim();
        org.WheelScaleHighLabel = Scale.HighLabel.Trim();
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "checkins.scale.change", "Organisation", ct: ct);
        return Redirect("/organisation/wheel?saved=true");
    }

    public async Task<IActionResult> OnPostDomainsAsync(CancellationToken ct)
    {
        if (await OrganisationAsync(ct) is not { } org)
        {
            return NotFound();
        }
        Only("Domains", "NewDomain");
        var addName = NewDomain.Name?.Trim();
        if (!string.IsNullOrEmpty(addName) && string.IsNullOrWhiteSpace(NewDomain.Description))
        {
            ModelState.AddModelError("NewDomain.Description", $"Enter a one-line description for {addName}");
        }
        var activeCount = Domains.Count(d => d.IsActive) + (string.IsNullOrEmpty(addName) ? 0 : 1);
        if (activeCount < MinimumActiveDomains)
        {
            ModelState.AddModelError("", $"Keep at least {MinimumActiveDomains} parts of life switched on");
        }
        var names = Domains.Select(d => d.Name.Trim()).Append(addName ?? "").Where(n => n.Length > 0).ToList();
        foreach (var duplicate in names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            ModelState.AddModelError("", $"{duplicate.Key} is listed more than once");
        }
        var own = await db.LifeDomains.Where(d => d.OrganisationId == org.Id).OrderBy(d => d.Order).ToListAsync(ct);
        var usingDefaults = own.Count == 0;
        var known = usingDefaults ? DefaultDomains.All.Select(d => d.Id).ToHashSet() : own.Select(d => d.Id).ToHashSet();
        if (Domains.Any(d => !known.Contains(d.Id)))
        {
            ModelState.AddModelError("", "The list of parts of life has changed since you opened this page; please start again");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(org, true, ct);
            return Page();
        }
        if (usingDefaults)
        {
            // The organisation's first change makes its own copy; the shared default set is never edited.
            own = DefaultDomains.All.Select(d => new LifeDomain
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                Key = d.Key,
                Name = d.Name,
                Description = d.Description,
                Order = d.Order,
                IsActive = true,
            }).ToList();
            db.LifeDomains.AddRange(own);
            var byDefaultId = DefaultDomains.All.Zip(own).ToDictionary(p => p.First.Id, p => p.Second);
            foreach (var field in Domains)
            {
                field.Id = byDefaultId[field.Id].Id;
            }
        }
        foreach (var field in Domains)
        {
            var domain = own.Single(d => d.Id == field.Id);
            domain.Name = field.Name.Trim();
            domain.Description = field.Description.Trim();
            domain.IsActive = field.IsActive;
        }
        if (!string.IsNullOrEmpty(addName))
        {
            var key = KeyFrom(addName, own.Select(d => d.Key));
            own.Add(new LifeDomain
            {
                Id = Guid.NewGuid(),
                OrganisationId = org.Id,
                Key = key,
                Name = addName,
                Description = NewDomain.Description!.Trim(),
                Order = own.Count == 0 ? 1 : own.Max(d => d.Order) + 1,
                IsActive = true,
            });
            db.LifeDomains.Add(own[^1]);
        }
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(null, "checkins.domains.change", "Organisation", ct: ct);
        return Redirect("/organisation/wheel?saved=true");
    }

    private async Task<List<DomainField>> DomainsShownAsync(Model.Organisation org, CancellationToken ct)
    {
        var own = await db.LifeDomains.AsNoTracking().Where(d => d.OrganisationId == org.Id).OrderBy(d => d.Order).ToListAsync(ct);
        return (own.Count == 0 ? DefaultDomains.All.ToList() : own)
            .Select(d => new DomainField { Id = d.Id, Name = d.Name, Description = d.Description, IsActive = d.IsActive }).ToList();
    }

    /// <summary>Each form posts only its own fields; the other form's empty values must not fail validation.</summary>
    private void Only(params string[] prefixes)
    {
        foreach (var key in ModelState.Keys.ToList())
        {
            if (key.Length > 0 && !prefixes.Any(p => key.StartsWith(p, StringComparison.Ordinal)))
            {
                ModelState.Remove(key);
            }
        }
    }

    public static string KeyFrom(string name, IEnumerable<string> taken)
    {
        var slug = NonWord().Replace(name.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length == 0 ? "domain" : slug[..Math.Min(slug.Length, 34)];
        var used = taken.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var key = slug;
        for (var n = 2; used.Contains(key); n++)
        {
            key = $"{slug}-{n}";
        }
        return key;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

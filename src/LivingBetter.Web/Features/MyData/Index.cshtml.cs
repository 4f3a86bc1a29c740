using System.IO.Compression;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

public sealed class IndexModel(PersonAccess access, CurrentUser current, LivingBetterDbContext db, MyDataService data, AuditLog audit, TimeProvider time, FhirRecords fhir) : PageModel
{
    /// <summary>What the last import did, or why nothing was imported.</summary>
    public FhirImportResult? Import { get; private set; }

    /// <summary>A problem with the upload itself (no file, too large).</summary>
    public string? ImportError { get; private set; }

    public Person? Person { get; private set; }

    /// <summary>The account's places in organisations and teams, and the organisation roles it was given.</summary>
    public MyRoles Roles { get; private set; } = MyRoles.None;

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Person = await access.MyPersonAsync(ct);
        Roles = await MyRolesQuery.ReadAsync(db, current.RequiredId, ct);
    }

    /// <summary>
    /// One zip: the readable JSON of everything held, and each plan the person has as the same PDF they
    /// can download from the plan itself.
    /// </summary>
    public async Task<IActionResult> OnGetDownloadAsync([FromServices] PlanStore store, [FromServices] PlanPdf pdf,
        [FromServices] CheckInService checkIns, CancellationToken ct)
    {
        var person = await access.MyPersonAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current.RequiredId, ct);
        if (user is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow();
        var json = await data.ExportAsync(person, user, now, ct);
        using var zipped = new MemoryStream();
        using (var zip = new ZipArchive(zipped, ZipArchiveMode.Create, leaveOpen: true))
        {
            await AddAsync(zip, "my-data.json", json, now, ct);
            if (person is not null)
            {
                var kinds = await db.Plans.Where(p => p.PersonId == person.Id).Select(p => p.Kind).ToListAsync(ct);
                foreach (var kind in kinds.Order())
                {
                    var bytes = await PlansApi.WholePlanAsync(store, pdf, checkIns, person, kind, now, ct);
                    await AddAsync(zip, PlanStructure.Slug(kind) + "-plan.pdf", bytes, now, ct);
                }
            }
        }
        await audit.RecordAsync(person?.Id, "mydata.export", "Everything", ct: ct);
        Response.Headers.CacheControl = "no-store";
        return File(zipped.ToArray(), "application/zip", $"livingbetter-my-data-{now:yyyy-MM-dd}.zip");
    }

    private static async Task AddAsync(ZipArchive zip, string name, byte[] bytes, DateTimeOffset now, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = now;
        await using var stream = entry.Open();
        await stream.WriteAsync(bytes, ct);
    }

    /// <summary>The person's plans, check-ins and sharing as one FHIR R4 bundle, for other health and care systems.</summary>
    public async Task<IActionResult> OnGetFhirAsync(CancellationToken ct)
    {
        var person = await access.MyPersonAsync(ct);
        if (person is null)
        {
            return NotFound();
        }
        var record = await fhir.ReadAsync(person.Id, "fhir.download", ct);
        if (record is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow();
        var bundle = FhirMapper.ToBundle(record, $"{Request.Scheme}://{Request.Host}/fhir", now);
        Response.Headers.CacheControl = "no-store";
        return File(System.Text.Encoding.UTF8.GetBytes(FhirReader.Serialize(bundle)), "application/fhir+json", $"livingbetter-fhir-{now:yyyy-MM-dd}.json");
    }

    /// <summary>Imports a FHIR bundle (for example one downloaded from another LivingBetter) into the person's own record, all or nothing.</summary>
    public async Task<IActionResult> OnPostFhirImportAsync(IFormFile? bundle, CancellationToken ct)
    {
        Person = await access.MyPersonAsync(ct);
        if (Person is null)
        {
            return NotFound();
        }
        Roles = await MyRolesQuery.ReadAsync(db, current.RequiredId, ct);
        if (bundle is null || bundle.Length == 0)
        {
            ImportError = "Choose a FHIR bundle file to import";
            ModelState.AddModelError("bundle", ImportError);
            return Page();
        }
        if (bundle.Length > FhirReader.MaxBytes)
        {
            ImportError = $"The file must be smaller than {FhirReader.MaxBytes / 1024 / 1024} MB";
            ModelState.AddModelError("bundle", ImportError);
            return Page();
        }
        using var buffer = new MemoryStream();
        await bundle.CopyToAsync(buffer, ct);
        Import = await fhir.ImportAsync(Person, current.RequiredId, buffer.ToArray(), ct);
        if (!Import.Imported)
        {
            ModelState.AddModelError("bundle", "The file was not imported");
        }
        return Page();
    }

    public async Task<IActionResult> OnPostReportingAsync(bool optOut, CancellationToken ct)
    {
        var person = await access.MyPersonAsync(ct);
        if (person is null)
        {
            return NotFound();
        }
        person.OptedOutOfReporting = optOut;
        await db.SaveChangesAsync(ct);
        await audit.RecordAsync(person.Id, "reporting.consent", optOut ? "OptedOut" : "OptedIn", ct: ct);
        return Redirect("/my-data?done=reporting");
    }
}

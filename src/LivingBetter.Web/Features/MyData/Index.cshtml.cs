using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

public sealed class IndexModel(PersonAccess access, CurrentUser current, LivingBetterDbContext db, MyDataService data, AuditLog audit, TimeProvider time) : PageModel
{
    public Person? Person { get; private set; }

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Person = await access.MyPersonAsync(ct);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var person = await access.MyPersonAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == current.RequiredId, ct);
        if (user is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow();
        var bytes = person is null
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { account = new { user.Id, user.DisplayName, user.Email, user.CreatedAt } }, MyDataService.Json)
            : await data.ExportAsync(person, user, now, ct);
        await audit.RecordAsync(person?.Id, "mydata.export", "Everything", ct: ct);
        Response.Headers.CacheControl = "no-store";
        return File(bytes, "application/json", $"livingbetter-my-data-{now:yyyy-MM-dd}.json");
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

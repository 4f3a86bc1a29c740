using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Sharing;

/// <summary>"Who has looked at my plans": the access log about the person, newest first.</summary>
public sealed class LogModel(PersonAccess access, LivingBetterDbContext db, CurrentUser current) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool IncludeMine { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool HasMore { get; private set; }

    public sealed record Row(DateTimeOffset At, string Who, string Role, string Action, string Part, AuditOutcome Outcome);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = await access.MyPersonAsync(ct);
        if (me is null)
        {
            return NotFound();
        }
        PageNumber = Math.Clamp(PageNumber, 1, 100_000);
        var myId = current.RequiredId;
        var query = db.AuditEntries.AsNoTracking().Where(a => a.PersonId == me.Id);
        if (!IncludeMine)
        {
            query = query.Where(a => a.ActorUserId != myId || a.ActorUserId == null);
        }
        var rows = await query
            .OrderByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(a => new
            {
                a.At,
                a.ActorUserId,
                Name = db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName).FirstOrDefault(),
                a.ActorRole,
                a.Via,
                a.Action,
                a.Part,
                a.Outcome,
            })
            .ToListAsync(ct);
        HasMore = rows.Count > PageSize;
        Rows = rows.Take(PageSize).Select(a => new Row(
            a.At,
            a.ActorUserId == myId ? "You" : a.Name ?? (a.ActorUserId is null ? "Someone not signed in" : "A closed account"),
            a.Via is null ? RoleWords(a.ActorRole) : $"{RoleWords(a.ActorRole)}, through their API token “{a.Via}”",
            SharingWords.Action(a.Action),
            SharingWords.AuditPart(a.Part),
            a.Outcome)).ToList();
        return Page();
    }

    private static string RoleWords(string role) => role switch
    {
        Roles.Person => "Person",
        Roles.Supporter => "Supporter",
        Roles.Staff => "Staff",
        Roles.TeamLead => "Team lead",
        Roles.OrgAdmin => "Organisation administrator",
        _ => role,
    };
}

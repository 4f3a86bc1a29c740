using System.ComponentModel.DataAnnotations;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Accounts;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

public sealed class CloseModel(PersonAccess access, CurrentUser current, LivingBetterDbContext db, MyDataService data,
    UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public CloseInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByIdAsync(current.RequiredId.ToString());
        if (user is null)
        {
            return NotFound();
        }
        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "The password is not right");
            return Page();
        }
        var person = await access.MyPersonAsync(ct);
        var strategy = db.Database.CreateExecutionStrategy();
        var closed = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (person is not null)
            {
                await data.EraseAsync(person.Id, ct);
                await db.People.Where(p => p.Id == person.Id).ExecuteDeleteAsync(ct);
                // Otherwise deleting the user would try to clear this already-deleted row's link to it.
                db.Entry(person).State = EntityState.Detached;
            }
            // Invitations this account sent for itself, and anything shared with it, go with it.
            await db.Invitations.Where(i => i.InvitedByUserId == user.Id).ExecuteDeleteAsync(ct);
            await db.SharingGrants.Where(g => g.GranteeUserId == user.Id).ExecuteDeleteAsync(ct);
            await db.SupporterLinks.Where(l => l.SupporterUserId == user.Id).ExecuteDeleteAsync(ct);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return false;
            }
            await tx.CommitAsync(ct);
            return true;
        });
        if (!closed)
        {
            ModelState.AddModelError("", "Your account could not be closed just now. Nothing has been erased. Try again later.");
            return Page();
        }
        // Kept with the person's id so the access log stays complete; it holds no words of theirs.
        await audit.RecordAsync(person?.Id, "account.close", "Everything", ct: ct);
        await signIn.SignOutAsync();
        return Redirect("/my-data/closed");
    }
}

public sealed class CloseInput
{
    [Required(ErrorMessage = "Enter your password to close your account")]
    [StringLength(AccountsSetup.PasswordMaxLength, ErrorMessage = "Password must be 128 characters or fewer")]
    public string Password { get; set; } = "";
}

using LivingBetter.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace LivingBetter.Web.Features.CheckIns;

/// <summary>The home page's line about check-ins: due, next due, or an invitation to start. Render with <c>@await Component.InvokeAsync("CheckInDue")</c>.</summary>
public sealed class CheckInDueViewComponent(PersonAccess access, CheckInService checkIns) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var me = await access.MyPersonAsync(HttpContext.RequestAborted);
        if (me is null)
        {
            return Content("");
        }
        var due = await checkIns.DueAsync(me.Id, HttpContext.RequestAborted);
        return View("/Features/CheckIns/_CheckInDue.cshtml", due);
    }
}

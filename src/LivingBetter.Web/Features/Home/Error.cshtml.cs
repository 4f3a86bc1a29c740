using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LivingBetter.Web.Features.Home;

/// <summary>One page for every error status. It never says whether something exists that you may not see.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public IReadOnlyList<string> Lines { get; private set; } = [];

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? 404 : 500);
        if (status is < 400 or > 599)
        {
            status = 404;
        }
        Response.StatusCode = status;
        (Heading, Lines) = status switch
        {
            404 => ("Page not found", (IReadOnlyList<string>)["If you typed the web address, check it is correct.", "If you followed a link, the page may have moved, or it may no longer be shared with you."]),
            400 => ("Something about that request was not right", ["Go back and try again. If you were filling in a form, check each answer."]),
            405 => ("Page not found", ["That page cannot be used that way."]),
            413 => ("That was too large", ["Try again with less text or a smaller file."]),
            429 => ("Too many requests", ["Wait a minute and try again."]),
            _ when status >= 500 => ("Sorry, there is a problem with LivingBetter", ["Nothing you did caused this. Try again later; what you saved before is safe."]),
            _ => ("Sorry, that did not work", ["Go back and try again."]),
        };
    }
}

using Microsoft.AspNetCore.Mvc.Rendering;

namespace LivingBetter.Web.Features.Resources;

/// <summary>A page showing the shared directory-entry fields (<c>_ResourceFields.cshtml</c>).</summary>
public interface IResourceFormPage
{
    ResourceInput Input { get; }
    List<SelectListItem> AreaItems { get; }
}

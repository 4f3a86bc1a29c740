using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LivingBetter.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>
    /// Keeps only the validation results of one form on a page with several. Model binding falls back
    /// to an empty prefix when a form's fields are absent, so keys of the other forms may have no prefix.
    /// </summary>
    public static void KeepOnly(this ModelStateDictionary state, string prefix)
    {
        foreach (var key in state.Keys.ToList())
        {
            if (key != prefix && !key.StartsWith(prefix + ".", StringComparison.Ordinal))
            {
                state.Remove(key);
            }
        }
    }
}

namespace LivingBetter.Web.Infrastructure;

/// <summary>Reading a choice sent as text into an enum, as forms and query strings send them.</summary>
public static class EnumNames
{
    /// <summary>
    /// The member of <typeparamref name="T"/> with exactly this name (case as declared), or null for anything else.
    /// <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> alone would also take a number ("3", "99") as a
    /// member, defined or not.
    /// </summary>
    public static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _) ? value : null;
}

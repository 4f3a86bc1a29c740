namespace LivingBetter.Web.Model;

/// <summary>
/// How a record came to be started by staff with someone who had no account: who started it, for which
/// team, and when the person agreed. Kept after the person claims the record so they can always see
/// which team started it.
/// </summary>
public sealed class StartedRecord
{
    public const int FullNameMaxLength = 150;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid TeamId { get; set; }
    public Team? Team { get; set; }
    public Guid StartedByUserId { get; set; }
    public AppUser? StartedBy { get; set; }

    /// <summary>The person's name as staff know it; <see cref="Person.PreferredName"/> is how they like to be addressed.</summary>
    public string FullName { get; set; } = "";

    /// <summary>Optional; only ever used to tell two people with the same name apart.</summary>
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>When the member of staff recorded that the person agreed to the record being started.</summary>
    public DateTimeOffset PersonAgreedAt { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
}

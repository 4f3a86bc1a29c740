namespace LivingBetter.Web.Model;

/// <summary>
/// A record an organisation administrator imported from a FHIR bundle for someone who has not claimed it
/// yet (ADR 0023). It sits beside the <see cref="StartedRecord"/> the import made, saying who imported it,
/// when and from where, and stays after the claim so the person can always see how their record arrived.
/// </summary>
public sealed class ImportedRecord
{
    public const int SourceMaxLength = 200;

    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid ImportedByUserId { get; set; }
    public AppUser? ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>Where the file came from, in the administrator's words ("Exported from Northshire's LivingBetter").</summary>
    public string Source { get; set; } = "";

    /// <summary>The Patient id in the bundle: the person's id in the system it came from.</summary>
    public string SourcePatientId { get; set; } = "";

    /// <summary>The supporters the bundle names, one "name (relationship)" per line: shown to the person, never linked to an account for them.</summary>
    public string NamedSupporters { get; set; } = "";
}

public enum ImportedConsentStatus
{
    /// <summary>Waiting for the person to claim their record and decide.</summary>
    Waiting,
    TurnedOn,
    LeftOff,
}

/// <summary>
/// A sharing permission found in an imported bundle. An administrator cannot consent for the person, so it
/// gives nobody access until the person, having claimed the record, turns it on (a <see cref="SharingGrant"/>).
/// </summary>
public sealed class ImportedConsent
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public SharedPart Part { get; set; }
    public ShareAccess Access { get; set; }
    public Guid? GranteeUserId { get; set; }
    public Guid? GranteeTeamId { get; set; }

    /// <summary>When the person gave it in the other system, and when it was to end there.</summary>
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public ImportedConsentStatus Status { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

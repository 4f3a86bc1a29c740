namespace LivingBetter.Web.Model;

public enum AuditOutcome
{
    Allowed,
    Denied,
}

/// <summary>
/// One row of the append-only access log. Each row carries the hash of the one before it, so an
/// edited or deleted row breaks the chain. Never holds plan content.
/// </summary>
public sealed class AuditEntry
{
    public const int PartMaxLength = 60;

    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? ActorUserId { get; set; }
    public string ActorRole { get; set; } = "";
    public Guid? PersonId { get; set; }
    public string Action { get; set; } = "";
    public string Part { get; set; } = "";
    public AuditOutcome Outcome { get; set; }

    /// <summary>
    /// The name of the API token the access came with (ADR 0013, amended 2026-12-07), as its holder named it; null for
    /// the account's own session on the pages and APIs. Part of the hash when present, so it cannot be changed either.
    /// </summary>
    public string? Via { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

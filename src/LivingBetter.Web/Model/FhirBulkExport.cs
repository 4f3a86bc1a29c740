namespace LivingBetter.Web.Model;

public enum FhirExportState
{
    Queued,
    Running,
    Done,
    Failed,

    /// <summary>Finished more than <c>FhirBulkExporter.KeepFor</c> ago: its files have been deleted.</summary>
    Expired,
}

/// <summary>
/// One FHIR Bulk Data export of an organisation, asked for by one of its administrators. Only the
/// organisation's current administrators may see it; deleting it (cancelling) removes its files.
/// </summary>
public sealed class FhirExportJob
{
    public const int RequestMaxLength = 400;
    public const int ErrorMaxLength = 400;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid RequestedByUserId { get; set; }

    /// <summary>The kick-off URL as the client sent it (the manifest's <c>request</c>).</summary>
    public string Request { get; set; } = "";

    /// <summary>When the export was asked for: the data is as of this moment (the manifest's <c>transactionTime</c>).</summary>
    public DateTimeOffset TransactionTime { get; set; }
    public FhirExportState State { get; set; }
    public int PeopleTotal { get; set; }
    public int PeopleDone { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }

    public List<FhirExportFile> Files { get; set; } = [];
}

/// <summary>One NDJSON file of an export: the resources of one type for one page of people.</summary>
public sealed class FhirExportFile
{
    public const int TypeMaxLength = 40;

    public Guid Id { get; set; }
    public Guid JobId { get; set; }
    public FhirExportJob? Job { get; set; }
    public string Type { get; set; } = "";

    /// <summary>The page of people this file holds (0, 1, 2, ...): files of one type are listed in this order.</summary>
    public int Part { get; set; }

    /// <summary>Resources in the file (its lines).</summary>
    public int Count { get; set; }

    /// <summary>One resource per line, FHIR JSON.</summary>
    public string Content { get; set; } = "";
}

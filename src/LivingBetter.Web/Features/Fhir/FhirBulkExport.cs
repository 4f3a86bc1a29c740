using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Hl7.Fhir.Model;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Data;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Features.Organisation;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LivingBetter.Web.Features.Fhir;

public sealed class FhirExportJobConfiguration : IEntityTypeConfiguration<FhirExportJob>
{
    public void Configure(EntityTypeBuilder<FhirExportJob> builder)
    {
        builder.Property(j => j.Request).HasMaxLength(FhirExportJob.RequestMaxLength);
        builder.Property(j => j.Error).HasMaxLength(FhirExportJob.ErrorMaxLength);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(j => j.OrganisationId);
        builder.HasOne(j => j.Organisation).WithMany().HasForeignKey(j => j.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(j => j.Files).WithOne(f => f.Job).HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FhirExportFileConfiguration : IEntityTypeConfiguration<FhirExportFile>
{
    public void Configure(EntityTypeBuilder<FhirExportFile> builder)
    {
        builder.Property(f => f.Type).HasMaxLength(FhirExportFile.TypeMaxLength);
        builder.HasIndex(f => new { f.JobId, f.Type, f.Part }).IsUnique();
    }
}

/// <summary>Export jobs waiting for the background worker, by id.</summary>
public sealed class FhirExportQueue
{
    private readonly Channel<Guid> channel = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<Guid> Reader => channel.Reader;

    public void Enqueue(Guid jobId) => channel.Writer.TryWrite(jobId);
}

/// <summary>
/// Runs queued exports one at a time. People are read a page at a time, each page in its own scope and
/// written as one NDJSON file per resource type, so memory stays bounded by the page size whatever the
/// size of the organisation.
/// </summary>
public sealed class FhirExportWorker(FhirExportQueue queue, IServiceScopeFactory scopes, ILogger<FhirExportWorker> logger) : BackgroundService
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Jobs left unfinished by a restart start again from the beginning.
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var exporter = scope.ServiceProvider.GetRequiredService<FhirBulkExporter>();
            foreach (var id in await exporter.UnfinishedAsync(stoppingToken))
            {
                queue.Enqueue(id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for unfinished FHIR exports.");
        }

        await foreach (var jobId in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<FhirBulkExporter>().RunAsync(jobId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "FHIR export {JobId} failed.", jobId);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<FhirBulkExporter>().MarkFailedAsync(jobId, stoppingToken);
                }
                catch (Exception inner) when (inner is not OperationCanceledException)
                {
                    logger.LogWarning(inner, "Could not mark FHIR export {JobId} as failed.", jobId);
                }
            }
        }
    }
}

/// <summary>
/// Deletes the files of exports that finished more than <see cref="FhirBulkExporter.KeepFor"/> ago, once an
/// hour; their status then answers 410 Gone. The work is in <see cref="FhirBulkExporter.ExpireAsync"/>.
/// </summary>
public sealed class FhirExportCleaner(IServiceScopeFactory scopes, TimeProvider time, ILogger<FhirExportCleaner> logger) : BackgroundService
{
    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<FhirBulkExporter>().ExpireAsync(null, stoppingToken);
                if (expired > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("Deleted the files of {Count} expired FHIR exports.", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Tried again next hour; until then status and file reads still refuse expired exports.
                logger.LogWarning(ex, "Deleting expired FHIR export files failed.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The export itself: who is included, and the NDJSON files written for them.</summary>
public sealed class FhirBulkExporter(LivingBetterDbContext db, IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    /// <summary>People per page (and so per file).</summary>
    public static int PageSize { get; set; } = 500;

    /// <summary>The resource types written from each person's record.</summary>
    public static readonly IReadOnlyList<string> PersonTypes = ["Patient", "CarePlan", "Goal", "QuestionnaireResponse", "Observation", "Consent"];

    /// <summary>
    /// The resource types a bulk export writes, in manifest order: first the Questionnaires its responses name
    /// (once for the whole export, not per person), then each person's resources.
    /// </summary>
    public static readonly IReadOnlyList<string> Types = ["Questionnaire", .. PersonTypes];

    public const string AuditAction = "fhir.bulk-export";

    /// <summary>How long a finished export's files are kept before they are deleted.</summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(24);

    /// <summary>True when a finished job's files are past <see cref="KeepFor"/> (whether or not the cleaner has run yet).</summary>
    public static bool IsPastKeeping(FhirExportJob job, DateTimeOffset now) =>
        job.State == FhirExportState.Done && job.CompletedAt is { } done && done + KeepFor <= now;

    /// <summary>
    /// Deletes the files of finished exports past <see cref="KeepFor"/> (all of them, or just <paramref name="jobId"/>)
    /// and marks the jobs expired; the jobs stay so their status can say the files are gone. Returns how many.
    /// </summary>
    public async Task<int> ExpireAsync(Guid? jobId, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - KeepFor;
        // Completion times are compared in memory: they are stored as binary DateTimeOffset on SQLite.
        var done = await db.Set<FhirExportJob>().AsNoTracking()
            .Where(j => j.State == FhirExportState.Done && (jobId == null || j.Id == jobId))
            .Select(j => new { j.Id, j.CompletedAt }).ToListAsync(ct);
        var due = done.Where(j => j.CompletedAt is { } at && at <= cutoff).Select(j => j.Id).ToList();
        foreach (var id in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Set<FhirExportFile>().Where(f => f.JobId == id).ExecuteDeleteAsync(ct);
            await db.Set<FhirExportJob>().Where(j => j.Id == id && j.State == FhirExportState.Done)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, FhirExportState.Expired), ct);
            await tx.CommitAsync(ct);
        }
        return due.Count;
    }

    /// <summary>
    /// People included in an export of <paramref name="organisationId"/>: those one of its teams supports now
    /// (an open care episode) who have not opted out of reporting.
    /// </summary>
    public static IQueryable<Guid> PeopleOf(LivingBetterDbContext db, Guid organisationId) =>
        db.People.AsNoTracking()
            .Where(p => !p.OptedOutOfReporting && p.CareEpisodes.Any(c => c.EndedAt == null && c.Team!.OrganisationId == organisationId))
            .OrderBy(p => p.Id)
            .Select(p => p.Id);

    public async Task<IReadOnlyList<Guid>> UnfinishedAsync(CancellationToken ct) =>
        await db.Set<FhirExportJob>().AsNoTracking()
            .Where(j => j.State == FhirExportState.Queued || j.State == FhirExportState.Running)
            .Select(j => j.Id).ToListAsync(ct);

    public async System.Threading.Tasks.Task RunAsync(Guid jobId, CancellationToken ct)
    {
        var job = await db.Set<FhirExportJob>().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null)
        {
            return; // cancelled before it started
        }
        await db.Set<FhirExportFile>().Where(f => f.JobId == jobId).ExecuteDeleteAsync(ct);
        // Only ids are held for the whole run (16 bytes a person); records are loaded a page at a time.
        var people = await PeopleOf(db, job.OrganisationId).ToListAsync(ct);
        job.State = FhirExportState.Running;
        job.PeopleTotal = people.Count;
        job.PeopleDone = 0;
        await db.SaveChangesAsync(ct);

        var named = new NamedQuestionnaires();
        for (var page = 0; page * PageSize < people.Count; page++)
        {
            var ids = people.GetRange(page * PageSize, Math.Min(PageSize, people.Count - (page * PageSize)));
            if (!await WritePageAsync(jobId, page, ids, named, ct))
            {
                return; // cancelled while running: the job and its files are gone
            }
        }
        if (!await WriteQuestionnairesAsync(job, named, ct))
        {
            return;
        }

        // Organisation-level: no person, no content, only how many people went out. Recorded before the job shows
        // as done, so nobody can download the files before the access log says they were made.
        await audit.RecordForActorAsync(job.RequestedByUserId, Roles.OrgAdmin, null, AuditAction,
            $"{people.Count} people, organisation {job.OrganisationId:N}", AuditOutcome.Allowed, ct);
        await db.Set<FhirExportJob>().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, FhirExportState.Done).SetProperty(j => j.CompletedAt, time.GetUtcNow()), ct);
    }

    /// <summary>
    /// What the exported responses name, gathered page by page: the life domains rated in check-ins (key → name,
    /// first seen) and, per measure code, the definition its newest exported response was scored with.
    /// </summary>
    private sealed class NamedQuestionnaires
    {
        public Dictionary<string, string> RatedDomains { get; } = new(StringComparer.OrdinalIgnoreCase);
        public Dictionary<string, (DateTimeOffset At, Guid DefinitionId)> Measures { get; } = new(StringComparer.Ordinal);
        public bool AnyCheckIn { get; set; }

        public void Add(FhirPersonRecord record)
        {
            foreach (var rating in record.CheckIns.SelectMany(c => c.Ratings))
            {
                RatedDomains.TryAdd(rating.DomainKey, rating.DomainName);
            }
            AnyCheckIn |= record.CheckIns.Count > 0;
            foreach (var m in record.Measures)
            {
                if (!Measures.TryGetValue(m.MeasureCode, out var newest) || m.At >= newest.At)
                {
                    Measures[m.MeasureCode] = (m.At, m.DefinitionId);
                }
            }
        }
    }

    /// <summary>
    /// One file of Questionnaires for the whole export, so every response's items can be read against the
    /// questions they answer: the wheel (the organisation's domains, then any other domain a check-in rated, such
    /// as a retired one or another organisation's) and each measure's, as codes and values only.
    /// </summary>
    private async Task<bool> WriteQuestionnairesAsync(FhirExportJob job, NamedQuestionnaires named, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var filesDb = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        var records = scope.ServiceProvider.GetRequiredService<FhirRecords>();
        var questionnaires = new List<Questionnaire>();
        if (named.AnyCheckIn)
        {
            var wheel = await scope.ServiceProvider.GetRequiredService<CheckIns.CheckInService>().SettingsForOrganisationAsync(job.OrganisationId, ct);
            var domains = wheel.Domains.Select(d => new FhirDomain(d.Key, d.Name, d.Description)).ToList();
            domains.AddRange(named.RatedDomains.Where(r => wheel.Find(r.Key) is null).OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new FhirDomain(r.Key, r.Value, "")));
            questionnaires.Add(FhirMapper.ToWheelQuestionnaire(domains));
        }
        foreach (var measure in await records.MeasureQuestionnairesAsync(named.Measures.Values.Select(m => m.DefinitionId).ToList(), ct))
        {
            questionnaires.Add(FhirMapper.ToQuestionnaire(measure));
        }
        if (questionnaires.Count == 0)
        {
            return true;
        }
        var text = new StringBuilder();
        foreach (var q in questionnaires)
        {
            text.Append(FhirReader.Serialize(q)).Append('\n');
        }
        filesDb.Set<FhirExportFile>().Add(new FhirExportFile
        {
            Id = Guid.NewGuid(),
            JobId = job.Id,
            Type = "Questionnaire",
            Part = 0,
            Count = questionnaires.Count,
            Content = text.ToString(),
        });
        return await SaveUnlessCancelledAsync(filesDb, job.Id, 0, ct);
    }

    private async Task<bool> WritePageAsync(Guid jobId, int page, List<Guid> ids, NamedQuestionnaires named, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pageDb = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
        var records = scope.ServiceProvider.GetRequiredService<FhirRecords>();
        var people = await pageDb.People.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Id).ToListAsync(ct);
        var files = PersonTypes.ToDictionary(t => t, _ => (Text: new StringBuilder(), Count: 0));
        // The whole page in a few queries; the access log (AuditEvent) is not part of the export and is not read.
        foreach (var record in await records.LoadPageAsync(people, ct))
        {
            named.Add(record);
            foreach (var resource in FhirMapper.Resources(record))
            {
                if (files.TryGetValue(resource.TypeName, out var file))
                {
                    file.Text.Append(FhirReader.Serialize(resource)).Append('\n');
                    files[resource.TypeName] = (file.Text, file.Count + 1);
                }
            }
        }
        foreach (var (type, file) in files.Where(f => f.Value.Count > 0))
        {
            pageDb.Set<FhirExportFile>().Add(new FhirExportFile
            {
                Id = Guid.NewGuid(),
                JobId = jobId,
                Type = type,
                Part = page,
                Count = file.Count,
                Content = file.Text.ToString(),
            });
        }
        return await SaveUnlessCancelledAsync(pageDb, jobId, ids.Count, ct);
    }

    /// <summary>Saves the files added to <paramref name="pageDb"/> with the job's progress, or nothing when the job was cancelled meanwhile.</summary>
    private static async Task<bool> SaveUnlessCancelledAsync(LivingBetterDbContext pageDb, Guid jobId, int peopleDone, CancellationToken ct)
    {
        await using var tx = await pageDb.Database.BeginTransactionAsync(ct);
        var updated = await pageDb.Set<FhirExportJob>().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.PeopleDone, j => j.PeopleDone + peopleDone), ct);
        if (updated == 0)
        {
            return false;
        }
        await pageDb.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public const string FailedMessage = "The export could not be completed. Start a new one.";

    public async System.Threading.Tasks.Task MarkFailedAsync(Guid jobId, CancellationToken ct)
    {
        await db.Set<FhirExportFile>().Where(f => f.JobId == jobId).ExecuteDeleteAsync(ct);
        await db.Set<FhirExportJob>().Where(j => j.Id == jobId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, FhirExportState.Failed).SetProperty(j => j.Error, FailedMessage), ct);
    }
}

/// <summary>The Bulk Data endpoints: kick-off, status (poll, cancel) and the NDJSON files.</summary>
public static class FhirBulkExportApi
{
    public const string NdjsonType = "application/fhir+ndjson";

    public static IServiceCollection AddFhirBulkExport(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        services.AddSingleton<FhirExportQueue>();
        services.AddScoped<FhirBulkExporter>();
        services.AddHostedService<FhirExportWorker>();
        // The hourly cleaner of expired files; tests call FhirBulkExporter.ExpireAsync with fake time instead,
        // and status and file reads refuse an expired export whether or not the cleaner has run.
        if (configuration.GetValue("Fhir:ExpireExports", !env.IsEnvironment("Testing")))
        {
            services.AddHostedService<FhirExportCleaner>();
        }
        return services;
    }

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}/fhir";

    public static WebApplication MapFhirBulkExport(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").ExcludeFromDescription();

        fhir.MapGet("/$export", (HttpRequest request, AdminScope scope, LivingBetterDbContext db, CurrentUser current, FhirExportQueue queue, TimeProvider time, CancellationToken ct) =>
            KickOffAsync(null, request, scope, db, current, queue, time, ct));
        fhir.MapGet("/Group/{organisationId:guid}/$export", (Guid organisationId, HttpRequest request, AdminScope scope, LivingBetterDbContext db, CurrentUser current, FhirExportQueue queue, TimeProvider time, CancellationToken ct) =>
            KickOffAsync(organisationId, request, scope, db, current, queue, time, ct));

        fhir.MapGet("/$export-status/{jobId:guid}", async (Guid jobId, HttpRequest request, HttpResponse response, AdminScope scope, LivingBetterDbContext db, FhirBulkExporter exporter, TimeProvider time, CancellationToken ct) =>
        {
            var job = await VisibleJobAsync(jobId, scope, db, ct);
            if (job is null)
            {
                return FhirApi.NotFound();
            }
            if (FhirBulkExporter.IsPastKeeping(job, time.GetUtcNow()))
            {
                await exporter.ExpireAsync(job.Id, ct);
                job.State = FhirExportState.Expired;
            }
            switch (job.State)
            {
                case FhirExportState.Queued or FhirExportState.Running:
                    response.Headers["X-Progress"] = job.State == FhirExportState.Queued
                        ? "queued"
                        : FhirApi.Invariant($"{job.PeopleDone} of {job.PeopleTotal} people");
                    response.Headers.RetryAfter = "1";
                    return Results.StatusCode(StatusCodes.Status202Accepted);
                case FhirExportState.Failed:
                    // Bulk Data: a failed job's status is a 4XX/5XX with an OperationOutcome; the fault was ours.
                    return FhirApi.Problems([new FhirProblem("$export", job.Error ?? FhirBulkExporter.FailedMessage, OperationOutcome.IssueType.Processing)], StatusCodes.Status500InternalServerError);
                case FhirExportState.Expired:
                    return FhirApi.Problems([new FhirProblem("$export",
                        FhirApi.Invariant($"The files of this export were deleted {FhirBulkExporter.KeepFor.TotalHours:0} hours after it finished. Start a new export."),
                        OperationOutcome.IssueType.NotFound)], StatusCodes.Status410Gone);
            }
            var files = await db.Set<FhirExportFile>().AsNoTracking().Where(f => f.JobId == jobId)
                .Select(f => new { f.Id, f.Type, f.Part, f.Count }).ToListAsync(ct);
            var baseUrl = BaseUrl(request);
            var output = files.OrderBy(f => FhirBulkExporter.Types.ToList().IndexOf(f.Type)).ThenBy(f => f.Part)
                .Select(f => new ManifestOutput(f.Type, $"{baseUrl}/$export-files/{f.Id}", f.Count)).ToList();
            response.Headers.Expires = (job.CompletedAt ?? job.TransactionTime).Add(FhirBulkExporter.KeepFor).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new Manifest(FhirMapper.When(job.TransactionTime), job.Request, true, output, []), ManifestJson);
        });

        fhir.MapDelete("/$export-status/{jobId:guid}", async (Guid jobId, AdminScope scope, LivingBetterDbContext db, AuditLog audit, CancellationToken ct) =>
        {
            var job = await VisibleJobAsync(jobId, scope, db, ct);
            if (job is null)
            {
                return FhirApi.NotFound();
            }
            await db.Set<FhirExportFile>().Where(f => f.JobId == jobId).ExecuteDeleteAsync(ct);
            await db.Set<FhirExportJob>().Where(f => f.Id == jobId).ExecuteDeleteAsync(ct);
            await audit.RecordAsync(null, AuditAction("cancelled"), $"organisation {job.OrganisationId:N}", AuditOutcome.Allowed, ct);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        });

        fhir.MapGet("/$export-files/{fileId:guid}", async (Guid fileId, AdminScope scope, LivingBetterDbContext db, FhirBulkExporter exporter, AuditLog audit, TimeProvider time, CancellationToken ct) =>
        {
            var file = await db.Set<FhirExportFile>().AsNoTracking().Where(f => f.Id == fileId)
                .Select(f => new { f.JobId, f.Type, f.Part, f.Count }).FirstOrDefaultAsync(ct);
            var job = file is null ? null : await VisibleJobAsync(file.JobId, scope, db, ct);
            if (file is null || job is null)
            {
                await audit.RecordAsync(null, AuditAction("download"), FhirApi.Invariant($"file {fileId:N}"), AuditOutcome.Denied, ct);
                return FhirApi.NotFound();
            }
            if (FhirBulkExporter.IsPastKeeping(job, time.GetUtcNow()))
            {
                await exporter.ExpireAsync(job.Id, ct);
                await audit.RecordAsync(null, AuditAction("download"), FhirApi.Invariant($"file {fileId:N}, expired"), AuditOutcome.Denied, ct);
                return FhirApi.NotFound();
            }
            // Organisation-level, like the export itself: which file of which job (the job's own entry names
            // the organisation and how many people), never content. The part column holds 60 characters.
            var part = FhirApi.Invariant($"{file.Type} {file.Part + 1}, {job.Id:N}");
            await audit.RecordAsync(null, AuditAction("download"), part.Length > 60 ? part[..60] : part, AuditOutcome.Allowed, ct);
            return new NdjsonFile(fileId);
        });

        return app;
    }

    /// <summary>
    /// Streams one stored file from the database to the response in chunks (a sequential-access reader),
    /// so a large file is never held whole in memory as a string.
    /// </summary>
    private sealed class NdjsonFile(Guid fileId) : IResult
    {
        public async System.Threading.Tasks.Task ExecuteAsync(HttpContext http)
        {
            var ct = http.RequestAborted;
            var db = http.RequestServices.GetRequiredService<LivingBetterDbContext>();
            http.Response.ContentType = NdjsonType + "; charset=utf-8";
            await using var command = db.Set<FhirExportFile>().AsNoTracking().Where(f => f.Id == fileId).Select(f => f.Content).CreateDbCommand();
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
                if (!await reader.ReadAsync(ct))
                {
                    return; // deleted since the check: an empty file
                }
                using var text = reader.GetTextReader(0);
                await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 64 * 1024);
                var buffer = new char[32 * 1024];
                int read;
                while ((read = await text.ReadAsync(buffer, ct)) > 0)
                {
                    await writer.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static string AuditAction(string what) => FhirBulkExporter.AuditAction + "." + what;

    private static async Task<IResult> KickOffAsync(Guid? organisationId, HttpRequest request, AdminScope scope, LivingBetterDbContext db,
        CurrentUser current, FhirExportQueue queue, TimeProvider time, CancellationToken ct)
    {
        if (!await scope.LoadAsync(ct))
        {
            return FhirApi.NotFound();
        }
        var org = organisationId ?? scope.OrganisationId;
        if (!scope.Administers(org))
        {
            return FhirApi.NotFound();
        }
        var problems = new List<FhirProblem>();
        var format = request.Query["_outputFormat"].ToString();
        if (format.Length > 0 && format is not (NdjsonType or "application/ndjson" or "ndjson"))
        {
            problems.Add(new FhirProblem("_outputFormat", "_outputFormat must be application/fhir+ndjson", OperationOutcome.IssueType.NotSupported));
        }
        var types = request.Query["_type"].ToString();
        if (types.Length > 0)
        {
            problems.Add(new FhirProblem("_type", "_type is not supported: every export holds " + string.Join(", ", FhirBulkExporter.Types), OperationOutcome.IssueType.NotSupported));
        }
        if (request.Query["_since"].ToString().Length > 0)
        {
            problems.Add(new FhirProblem("_since", "_since is not supported: every export is complete", OperationOutcome.IssueType.NotSupported));
        }
        if (problems.Count > 0)
        {
            return FhirApi.Problems(problems);
        }
        var url = $"{BaseUrl(request)}{request.Path.Value?[5..]}{request.QueryString}";
        var job = new FhirExportJob
        {
            Id = Guid.NewGuid(),
            OrganisationId = org,
            RequestedByUserId = current.RequiredId,
            Request = url.Length > FhirExportJob.RequestMaxLength ? url[..FhirExportJob.RequestMaxLength] : url,
            TransactionTime = time.GetUtcNow(),
            State = FhirExportState.Queued,
        };
        db.Set<FhirExportJob>().Add(job);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(job.Id);
        request.HttpContext.Response.Headers.ContentLocation = $"{BaseUrl(request)}/$export-status/{job.Id}";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>The job when the caller administers its organisation now; null (answer 404) otherwise.</summary>
    private static async Task<FhirExportJob?> VisibleJobAsync(Guid jobId, AdminScope scope, LivingBetterDbContext db, CancellationToken ct)
    {
        if (!await scope.LoadAsync(ct))
        {
            return null;
        }
        var job = await db.Set<FhirExportJob>().AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, ct);
        return job is not null && scope.Administers(job.OrganisationId) ? job : null;
    }

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    public sealed record Manifest(string TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<ManifestOutput> Output, IReadOnlyList<ManifestOutput> Error);

    public sealed record ManifestOutput(string Type, string Url, int Count);
}

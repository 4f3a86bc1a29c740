using System.Threading.Channels;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.Audit;

/// <summary>
/// The single writer of the access log (ADR 0015). Requests hand their entry to a bounded queue and wait
/// until the batch holding it has committed (group commit): the entry is still recorded before the
/// answer, but many requests share one commit instead of queueing for a commit each. The chain is computed
/// here, in queue order, after the last hash this writer committed, and each batch is saved all or none; the
/// unique index on the previous hash refuses a batch chained after an entry that already has a successor
/// (written inline by <see cref="AuditLog"/> or by another instance of the app), and the batch is chained
/// again after the chain's new end, so nothing can fork the chain.
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> log) : IHostedService, IAsyncDisposable
{
    /// <summary>Most entries written in one transaction.</summary>
    public const int MaxBatch = 256;

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4096)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Lock startLock = new();
    private Task? loop;

    /// <summary>The hash of the last entry this writer committed; null until read, or after a conflict or failure.</summary>
    private string? lastHash;

    /// <summary>Queues the entry and completes once it is committed; false when the writer has shut down.</summary>
    public async Task<bool> TryAppendAsync(AuditEntry entry, CancellationToken ct)
    {
        EnsureStarted();
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await queue.Writer.WriteAsync(pending, ct);
        }
        catch (ChannelClosedException)
        {
            return false;
        }
        // Once queued the entry will be written even if the caller gives up, so wait for it regardless.
        await pending.Committed.Task;
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops taking entries and writes everything already queued.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        Task? running;
        lock (startLock)
        {
            running = loop;
        }
        if (running is not null)
        {
            await running.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        Task? running;
        lock (startLock)
        {
            running = loop;
        }
        if (running is not null)
        {
            await running;
        }
    }

    private void EnsureStarted()
    {
        if (loop is not null)
        {
            return;
        }
        lock (startLock)
        {
            loop ??= Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }
            try
            {
                await WriteAsync(batch);
                foreach (var p in batch)
                {
                    p.Committed.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Could not write {Count} access log entries", batch.Count);
                foreach (var p in batch)
                {
                    p.Committed.TrySetException(ex);
                }
            }
        }
    }

    /// <summary>
    /// Writes the batch after the chain's last entry as this writer last saw it, read again from the database when
    /// unknown or when another writer (the inline path, another instance of the app) has appended since, which the
    /// chain's unique index reports as a conflict with nothing saved.
    /// </summary>
    private async Task WriteAsync(List<Pending> batch)
    {
        var entries = batch.Select(p => p.Entry).ToList();
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LivingBetterDbContext>();
            foreach (var entry in entries)
            {
                entry.Id = 0;
            }
            try
            {
                lastHash = await AuditLog.AppendBatchAsync(db, entries, lastHash, CancellationToken.None);
                return;
            }
            catch (DbUpdateException ex) when (AuditLog.IsChainConflict(ex) && attempt < AuditLog.MaxAttempts)
            {
                lastHash = null;
            }
            catch
            {
                lastHash = null;
                throw;
            }
        }
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Committed);
}

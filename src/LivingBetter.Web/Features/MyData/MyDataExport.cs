using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

/// <summary>
/// One kind of thing the system holds about a person: how to find a person's rows, and whether closing the
/// account erases them. Features register theirs with one line: <c>services.AddMyData&lt;CheckIn&gt;("checkIns", id => c => c.PersonId == id)</c>.
/// </summary>
public interface IMyDataSection
{
    string Name { get; }
    bool EraseOnClose { get; }
    Task<object> ReadAsync(LivingBetterDbContext db, Guid personId, CancellationToken ct);
    Task<int> EraseAsync(LivingBetterDbContext db, Guid personId, CancellationToken ct);
}

public sealed class MyDataSection<T>(string name, Func<Guid, Expression<Func<T, bool>>> belongsTo, bool eraseOnClose) : IMyDataSection
    where T : class
{
    public string Name => name;
    public bool EraseOnClose => eraseOnClose;

    public async Task<object> ReadAsync(LivingBetterDbContext db, Guid personId, CancellationToken ct) =>
        await db.Set<T>().AsNoTracking().Where(belongsTo(personId)).ToListAsync(ct);

    public Task<int> EraseAsync(LivingBetterDbContext db, Guid personId, CancellationToken ct) =>
        db.Set<T>().Where(belongsTo(personId)).ExecuteDeleteAsync(ct);
}

public static class MyDataRegistration
{
    /// <summary>Adds a kind of data to "download my data" and, unless told otherwise, to what closing an account erases.</summary>
    public static IServiceCollection AddMyData<T>(this IServiceCollection services, string name, Func<Guid, Expression<Func<T, bool>>> belongsTo, bool eraseOnClose = true)
        where T : class =>
        services.AddSingleton<IMyDataSection>(new MyDataSection<T>(name, belongsTo, eraseOnClose));
}

/// <summary>Builds the download and performs the erasure from the registered sections.</summary>
public sealed class MyDataService(LivingBetterDbContext db, IEnumerable<IMyDataSection> sections)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<byte[]> ExportAsync(Person person, AppUser user, DateTimeOffset now, CancellationToken ct)
    {
        var document = new Dictionary<string, object?>
        {
            ["about"] = "Everything LivingBetter holds about you, downloaded " + now.ToString("O"),
            // Secrets (password hash, security stamps, authenticator keys) are never part of a download.
            ["account"] = new
            {
                user.Id,
                user.DisplayName,
                user.Email,
                user.EmailConfirmed,
                user.TwoFactorEnabled,
                user.CreatedAt,
            },
            ["person"] = person,
        };
        foreach (var section in sections)
        {
            document[section.Name] = await section.ReadAsync(db, person.Id, ct);
        }
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>Erases registered sections in reverse order of registration, so children go before parents.</summary>
    public async Task EraseAsync(Guid personId, CancellationToken ct)
    {
        foreach (var section in sections.Where(s => s.EraseOnClose).Reverse())
        {
            await section.EraseAsync(db, personId, ct);
        }
    }
}

using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Web.Features.MyData;

/// <summary>What closing an account does to rows that point at the person or their account.</summary>
public enum OnClose
{
    /// <summary>The row is about the person, or is their own contribution: it is erased.</summary>
    Erase,

    /// <summary>
    /// The row belongs to someone else's record, a team or the organisation (a check-in recorded with
    /// another person, a course they trained): the row stays with its owner and the pointer to the
    /// closing account is replaced by <see cref="FormerUser"/> (or emptied when it may be empty).
    /// </summary>
    ReplaceWithFormerUser,

    /// <summary>Kept as it is (the access log): the page says what and why.</summary>
    Keep,
}

/// <summary>Who is asking: the account, and the person record when the account has one.</summary>
public sealed record MyDataOwner(Guid UserId, Guid? PersonId);

/// <summary>
/// One kind of thing the system holds about someone: where it is in the download, how rows are found,
/// and what closing the account does to them. <see cref="Keys"/> names the columns of
/// <see cref="Entity"/> that point at a person or account and that this section accounts for; a test
/// fails when a column of the model pointing at a person or account is accounted for by no section.
/// </summary>
public interface IMyDataSection
{
    string Name { get; }
    Type Entity { get; }
    IReadOnlyList<string> Keys { get; }
    OnClose OnClose { get; }
    Task<object> ReadAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct);
    Task<int> CloseAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct);
}

/// <summary>A section found through a navigation path (rows with no key column of their own, such as a plan's sections).</summary>
public sealed class MyDataSection<T>(string name, Func<Guid, Expression<Func<T, bool>>> belongsTo, bool eraseOnClose) : IMyDataSection
    where T : class
{
    public string Name => name;
    public Type Entity => typeof(T);
    public IReadOnlyList<string> Keys => [];
    public OnClose OnClose => eraseOnClose ? OnClose.Erase : OnClose.Keep;

    public async Task<object> ReadAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct) =>
        owner.PersonId is { } id ? await db.Set<T>().AsNoTracking().Where(belongsTo(id)).ToListAsync(ct) : new List<T>();

    public async Task<int> CloseAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct) =>
        eraseOnClose && owner.PersonId is { } id ? await db.Set<T>().Where(belongsTo(id)).ExecuteDeleteAsync(ct) : 0;
}

/// <summary>Rows found by one key column that holds a person id or an account id.</summary>
public sealed class KeyedSection<T>(string name, string key, MyDataKeyKind kind, OnClose onClose, Func<IQueryable<T>, IQueryable<object>>? shape)
    : IMyDataSection
    where T : class
{
    public string Name => name;
    public Type Entity => typeof(T);
    public IReadOnlyList<string> Keys => [key];
    public OnClose OnClose => onClose;

    private Guid? IdFor(MyDataOwner owner) => kind == MyDataKeyKind.Person ? owner.PersonId : owner.UserId;

    private IQueryable<T> Rows(LivingBetterDbContext db, Guid id)
    {
        var clr = db.Model.FindEntityType(typeof(T))?.FindProperty(key)?.ClrType
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no column {key}.");
        var e = Expression.Parameter(typeof(T), "e");
        var property = Expression.Call(typeof(EF), nameof(EF.Property), [clr], e, Expression.Constant(key));
        var equals = Expression.Equal(property, Expression.Constant(clr == typeof(Guid) ? id : (Guid?)id, clr));
        return db.Set<T>().Where(Expression.Lambda<Func<T, bool>>(equals, e));
    }

    public async Task<object> ReadAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct)
    {
        if (IdFor(owner) is not { } id)
        {
            return new List<object>();
        }
        var rows = Rows(db, id).AsNoTracking();
        // A pointer to someone on a record that is not theirs: the download says which records, not what another person wrote.
        var shaped = shape?.Invoke(rows)
            ?? (onClose == OnClose.ReplaceWithFormerUser ? rows.Select(r => (object)new { id = EF.Property<object>(r, "Id") }) : rows.Cast<object>());
        return await shaped.ToListAsync(ct);
    }

    public async Task<int> CloseAsync(LivingBetterDbContext db, MyDataOwner owner, CancellationToken ct)
    {
        if (IdFor(owner) is not { } id)
        {
            return 0;
        }
        switch (onClose)
        {
            case OnClose.Erase:
                return await Rows(db, id).ExecuteDeleteAsync(ct);
            case OnClose.ReplaceWithFormerUser:
                var clr = db.Model.FindEntityType(typeof(T))!.FindProperty(key)!.ClrType;
                return clr == typeof(Guid)
                    ? await Rows(db, id).ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<Guid>(r, key), FormerUser.Id), ct)
                    : await Rows(db, id).ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<Guid?>(r, key), (Guid?)null), ct);
            default:
                return 0;
        }
    }
}

public enum MyDataKeyKind
{
    /// <summary>The column holds a <see cref="Person"/> id.</summary>
    Person,
    /// <summary>The column holds an account (<see cref="AppUser"/>) id.</summary>
    User,
}

/// <summary>
/// Stands in for a closed account wherever a record that belongs to someone else must keep saying
/// that somebody did something (trained a course, recorded a check-in). It cannot sign in: it has no
/// password and no email address, and it is locked out.
/// </summary>
public static class FormerUser
{
    public static readonly Guid Id = new("6c0a7f6e-0b0e-4d38-9a55-f0f0f0f00000");
    public const string DisplayName = "Someone who has left LivingBetter";

    public static async Task EnsureAsync(LivingBetterDbContext db, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Id == Id, ct))
        {
            return;
        }
        db.Users.Add(new AppUser
        {
            Id = Id,
            UserName = "former-user",
            NormalizedUserName = "FORMER-USER",
            DisplayName = DisplayName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
        });
        await db.SaveChangesAsync(ct);
    }
}

public static class MyDataRegistration
{
    /// <summary>Adds a kind of data found through a navigation path to "download my data" and, unless told otherwise, to what closing an account erases.</summary>
    public static IServiceCollection AddMyData<T>(this IServiceCollection services, string name, Func<Guid, Expression<Func<T, bool>>> belongsTo, bool eraseOnClose = true)
        where T : class =>
        services.AddSingleton<IMyDataSection>(new MyDataSection<T>(name, belongsTo, eraseOnClose));

    /// <summary>Adds the rows whose <paramref name="key"/> column holds the person's id.</summary>
    public static IServiceCollection AddPersonData<T>(this IServiceCollection services, string name, string key, OnClose onClose = OnClose.Erase,
        Func<IQueryable<T>, IQueryable<object>>? shape = null)
        where T : class =>
        services.AddSingleton<IMyDataSection>(new KeyedSection<T>(name, key, MyDataKeyKind.Person, onClose, shape));

    /// <summary>Adds the rows whose <paramref name="key"/> column holds the account's id.</summary>
    public static IServiceCollection AddUserData<T>(this IServiceCollection services, string name, string key, OnClose onClose = OnClose.Erase,
        Func<IQueryable<T>, IQueryable<object>>? shape = null)
        where T : class =>
        services.AddSingleton<IMyDataSection>(new KeyedSection<T>(name, key, MyDataKeyKind.User, onClose, shape));
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

    public IReadOnlyList<IMyDataSection> Sections { get; } = [.. sections];

    public async Task<byte[]> ExportAsync(Person? person, AppUser user, DateTimeOffset now, CancellationToken ct)
    {
        var owner = new MyDataOwner(user.Id, person?.Id);
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
        };
        foreach (var section in Sections)
        {
            document[section.Name] = await section.ReadAsync(db, owner, ct);
        }
        // The person record is one record, not a list of one.
        document["person"] = person;
        return JsonSerializer.SerializeToUtf8Bytes(document, Json);
    }

    /// <summary>
    /// Closes the account's data: pointers on other people's records first, then erasure in reverse
    /// order of registration, so children go before parents. The caller deletes the person and the account.
    /// </summary>
    public async Task CloseAsync(MyDataOwner owner, CancellationToken ct)
    {
        if (Sections.Any(s => s.OnClose == OnClose.ReplaceWithFormerUser))
        {
            await FormerUser.EnsureAsync(db, ct);
        }
        foreach (var section in Sections.Where(s => s.OnClose == OnClose.ReplaceWithFormerUser))
        {
            await section.CloseAsync(db, owner, ct);
        }
        foreach (var section in Sections.Where(s => s.OnClose == OnClose.Erase).Reverse())
        {
            await section.CloseAsync(db, owner, ct);
        }
    }
}

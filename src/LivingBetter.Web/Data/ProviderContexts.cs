using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LivingBetter.Web.Data;

/// <summary>SQLite: the default, for a person alone, a small provider and every developer.</summary>
public sealed class SqliteLivingBetterDbContext(DbContextOptions<SqliteLivingBetterDbContext> options)
    : LivingBetterDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date-time type; storing UTC ticks keeps ordering and range filters in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>PostgreSQL: for production deployments of a trust.</summary>
public sealed class PostgresLivingBetterDbContext(DbContextOptions<PostgresLivingBetterDbContext> options)
    : LivingBetterDbContext(options);

/// <summary>Lets `dotnet ef` build each provider's context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLivingBetterDbContext>
{
    public SqliteLivingBetterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLivingBetterDbContext>()
            .UseSqlite("Data Source=design-time.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLivingBetterDbContext>
{
    public PostgresLivingBetterDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLivingBetterDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=livingbetter_design;Username=lb;Password=lb").Options);
}

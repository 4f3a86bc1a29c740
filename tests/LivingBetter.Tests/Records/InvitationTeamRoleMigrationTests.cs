using LivingBetter.Web.Data;
using LivingBetter.Web.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LivingBetter.Tests.Records;

/// <summary>The StaffStartedRecords migration moves the team-lead marker out of Relationship into TeamRole, and back down.</summary>
public sealed class InvitationTeamRoleMigrationTests
{
    private const string Before = "20261201013639_QualityAudits";

    [Fact]
    public async Task StaffInvitationsMadeBeforeTheColumn_AfterMigrating_KeepTheirTeamRoleAndLoseTheMarker()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new SqliteLivingBetterDbContext(new DbContextOptionsBuilder<SqliteLivingBetterDbContext>().UseSqlite(connection).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);

        var (lead, staff, noTeam, supporter) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var team = Guid.NewGuid();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO "Invitations" ("Id", "Kind", "TokenHash", "InvitedByUserId", "TeamId", "MakeAdministrator", "Relationship", "CreatedAt", "ExpiresAt") VALUES
                ($lead, 'Staff', 'a', $by, $team, 0, 'TeamLead', 0, 0),
                ($staff, 'Staff', 'b', $by, $team, 0, NULL, 0, 0),
                ($noTeam, 'Staff', 'c', $by, NULL, 1, NULL, 0, 0),
                ($supporter, 'Supporter', 'd', $by, NULL, 0, 'TeamLead', 0, 0);
                """;
            insert.Parameters.AddWithValue("$lead", lead.ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$staff", staff.ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$noTeam", noTeam.ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$supporter", supporter.ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$by", Guid.NewGuid().ToString().ToUpperInvariant());
            insert.Parameters.AddWithValue("$team", team.ToString().ToUpperInvariant());
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();
        var rows = await db.Invitations.AsNoTracking().ToDictionaryAsync(i => i.Id);
        Assert.Equal((TeamRole?)TeamRole.TeamLead, rows[lead].TeamRole);
        Assert.Null(rows[lead].Relationship);
        Assert.Equal((TeamRole?)TeamRole.Staff, rows[staff].TeamRole);
        Assert.Null(rows[noTeam].TeamRole);
        // A supporter's relationship is their own words, even if they happen to match the old marker.
        Assert.Null(rows[supporter].TeamRole);
        Assert.Equal("TeamLead", rows[supporter].Relationship);

        await migrator.MigrateAsync(Before);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT \"Relationship\" FROM \"Invitations\" WHERE \"TokenHash\" = 'a'";
        Assert.Equal("TeamLead", await read.ExecuteScalarAsync());
    }
}

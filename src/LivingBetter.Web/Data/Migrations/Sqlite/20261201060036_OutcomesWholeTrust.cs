using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomesWholeTrust : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutcomeDomainSummaries_Report",
                table: "OutcomeDomainSummaries");

            migrationBuilder.CreateTable(
                name: "OutcomePersonSummaries",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Areas = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomePersonSummaries", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_OutcomePersonSummaries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Back-fill (data migration): one packed row per person from the area-of-life summary rows already there
            // (no need to read the check-ins again), with unmet need decided from the wellbeing plans' goals. A frozen
            // copy of OutcomeSummaries' packing SQL as it was when the table was added (ADR 0021); the whole rebuild can
            // be run again at any time with `rebuild-outcome-summaries` (idempotent).
            migrationBuilder.Sql("""
                INSERT INTO "OutcomePersonSummaries" ("PersonId", "Areas")
                SELECT s."PersonId", group_concat(
                           CAST(s."DomainId" AS TEXT) || ',' || CAST(s."Ratings" AS TEXT) || ',' || CAST(s."FirstRating" AS TEXT) || ','
                           || CAST(s."LatestRating" AS TEXT) || ',' || CASE WHEN s."LatestWantsHelp" AND s."LatestLow" AND NOT EXISTS (
                               SELECT 1 FROM "PlanSections" ps
                               JOIN "Plans" pl ON pl."Id" = ps."PlanId"
                               JOIN "LifeDomains" d ON d."Id" = s."DomainId"
                               WHERE pl."PersonId" = s."PersonId" AND pl."Kind" = 'Wellbeing' AND ps."Key" = 'goals'
                                 AND ps."Content" LIKE '%"domainKey":"' || d."Key" || '"%') THEN '1' ELSE '0' END, ';')
                FROM "OutcomeDomainSummaries" s
                GROUP BY s."PersonId"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomePersonSummaries");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeDomainSummaries_Report",
                table: "OutcomeDomainSummaries",
                columns: new[] { "PersonId", "DomainId", "Ratings", "FirstRating", "LatestRating", "LatestWantsHelp", "LatestLow" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutcomeSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutcomeDomainSummaries",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    DomainId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    FirstRating = table.Column<int>(type: "integer", nullable: false),
                    FirstAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LatestRating = table.Column<int>(type: "integer", nullable: false),
                    LatestAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LatestWantsHelp = table.Column<bool>(type: "boolean", nullable: false),
                    LatestLow = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeDomainSummaries", x => new { x.PersonId, x.DomainId });
                    table.ForeignKey(
                        name: "FK_OutcomeDomainSummaries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeMeasureSummaries",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    MeasureDefinitionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Scores = table.Column<int>(type: "integer", nullable: false),
                    FirstScore = table.Column<double>(type: "double precision", nullable: false),
                    FirstAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LatestScore = table.Column<double>(type: "double precision", nullable: false),
                    LatestAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeMeasureSummaries", x => new { x.PersonId, x.MeasureDefinitionId });
                    table.ForeignKey(
                        name: "FK_OutcomeMeasureSummaries_MeasureDefinition_MeasureDefinition~",
                        column: x => x.MeasureDefinitionId,
                        principalTable: "MeasureDefinition",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutcomeMeasureSummaries_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasureSummaries_MeasureDefinitionId",
                table: "OutcomeMeasureSummaries",
                column: "MeasureDefinitionId");

            // Back-fill (data migration): every person's summary rows from the check-ins and measure responses
            // already saved. A frozen copy of OutcomeSummaries.RebuildAllSql as it was when the tables were added;
            // the same rebuild can be run again at any time with `--rebuild-outcome-summaries` (idempotent).
            migrationBuilder.Sql("""
                INSERT INTO "OutcomeDomainSummaries" ("PersonId", "DomainId", "Ratings", "FirstRating", "FirstAt", "LatestRating", "LatestAt", "LatestWantsHelp", "LatestLow")
                SELECT person, domain, COUNT(*),
                       MAX(CASE WHEN from_first = 1 THEN rating END), MAX(CASE WHEN from_first = 1 THEN at END),
                       MAX(CASE WHEN from_last = 1 THEN rating END), MAX(CASE WHEN from_last = 1 THEN at END),
                       MAX(CASE WHEN from_last = 1 THEN help ELSE 0 END) = 1, MAX(CASE WHEN from_last = 1 THEN low ELSE 0 END) = 1
                FROM (
                    SELECT c."PersonId" AS person, r."DomainId" AS domain, r."Rating" AS rating, c."At" AS at,
                           CASE WHEN r."WantsHelp" THEN 1 ELSE 0 END AS help,
                           CASE WHEN (r."Rating" - c."ScaleMin") * 10 <= (c."ScaleMax" - c."ScaleMin") * 3 THEN 1 ELSE 0 END AS low,
                           ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At", c."Id") AS from_first,
                           ROW_NUMBER() OVER (PARTITION BY c."PersonId", r."DomainId" ORDER BY c."At" DESC, c."Id" DESC) AS from_last
                    FROM "CheckIns" c
                    JOIN "CheckInRatings" r ON r."CheckInId" = c."Id"
                    WHERE r."Rating" IS NOT NULL) ranked
                GROUP BY person, domain
                """);
            migrationBuilder.Sql("""
                INSERT INTO "OutcomeMeasureSummaries" ("PersonId", "MeasureDefinitionId", "Scores", "FirstScore", "FirstAt", "LatestScore", "LatestAt")
                SELECT person, measure, COUNT(*),
                       MAX(CASE WHEN from_first = 1 THEN score END), MAX(CASE WHEN from_first = 1 THEN at END),
                       MAX(CASE WHEN from_last = 1 THEN score END), MAX(CASE WHEN from_last = 1 THEN at END)
                FROM (
                    SELECT m."PersonId" AS person, m."MeasureDefinitionId" AS measure, m."At" AS at,
                           CAST(COALESCE(m."MetricScore", m."RawScore") AS DOUBLE PRECISION) AS score,
                           ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At", m."Id") AS from_first,
                           ROW_NUMBER() OVER (PARTITION BY m."PersonId", m."MeasureDefinitionId" ORDER BY m."At" DESC, m."Id" DESC) AS from_last
                    FROM "MeasureResponse" m
                    WHERE (m."MetricScore" IS NOT NULL OR m."RawScore" IS NOT NULL)) ranked
                GROUP BY person, measure
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutcomeDomainSummaries");

            migrationBuilder.DropTable(
                name: "OutcomeMeasureSummaries");
        }
    }
}

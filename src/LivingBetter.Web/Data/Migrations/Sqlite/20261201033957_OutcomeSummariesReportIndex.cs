using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutcomeSummariesReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasureSummaries_Report",
                table: "OutcomeMeasureSummaries",
                columns: new[] { "PersonId", "MeasureDefinitionId", "Scores", "FirstScore", "LatestScore" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeDomainSummaries_Report",
                table: "OutcomeDomainSummaries",
                columns: new[] { "PersonId", "DomainId", "Ratings", "FirstRating", "LatestRating", "LatestWantsHelp", "LatestLow" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OutcomeMeasureSummaries_Report",
                table: "OutcomeMeasureSummaries");

            migrationBuilder.DropIndex(
                name: "IX_OutcomeDomainSummaries_Report",
                table: "OutcomeDomainSummaries");
        }
    }
}

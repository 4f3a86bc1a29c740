using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffStartedRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CancelledAt",
                table: "Invitations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamRole",
                table: "Invitations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            // The team-lead flag used to ride in Relationship (unused for staff invitations): move it to its own column.
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"TeamRole\" = 'TeamLead', \"Relationship\" = NULL " +
                "WHERE \"Kind\" = 'Staff' AND \"TeamId\" IS NOT NULL AND \"Relationship\" = 'TeamLead';");
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"TeamRole\" = 'Staff', \"Relationship\" = NULL " +
                "WHERE \"Kind\" = 'Staff' AND \"TeamId\" IS NOT NULL AND \"TeamRole\" IS NULL;");

            migrationBuilder.CreateTable(
                name: "StartedRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    FullName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    PersonAgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StartedRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StartedRecords_AspNetUsers_StartedByUserId",
                        column: x => x.StartedByUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StartedRecords_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StartedRecords_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_PersonId_Kind",
                table: "Invitations",
                columns: new[] { "PersonId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_StartedRecords_PersonId",
                table: "StartedRecords",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StartedRecords_StartedByUserId",
                table: "StartedRecords",
                column: "StartedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_StartedRecords_TeamId",
                table: "StartedRecords",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "UPDATE \"Invitations\" SET \"Relationship\" = 'TeamLead' WHERE \"Kind\" = 'Staff' AND \"TeamRole\" = 'TeamLead';");

            migrationBuilder.DropTable(
                name: "StartedRecords");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_PersonId_Kind",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "TeamRole",
                table: "Invitations");
        }
    }
}

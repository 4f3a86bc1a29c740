using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CompletedAt",
                table: "QualityAuditRounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EligibleCount",
                table: "QualityAuditRounds",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SampleSeed",
                table: "QualityAuditRounds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "QualityAuditRounds",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "InProgress");

            migrationBuilder.CreateTable(
                name: "OrganisationRoles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffMembershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DivisionId = table.Column<Guid>(type: "uuid", nullable: true),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationRoles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationRoles_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OrganisationRoles_StaffMemberships_StaffMembershipId",
                        column: x => x.StaffMembershipId,
                        principalTable: "StaffMemberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationRoles_DivisionId",
                table: "OrganisationRoles",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationRoles_StaffMembershipId_Kind_DivisionId",
                table: "OrganisationRoles",
                columns: new[] { "StaffMembershipId", "Kind", "DivisionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganisationRoles");

            migrationBuilder.DropColumn(
                name: "CompletedAt",
                table: "QualityAuditRounds");

            migrationBuilder.DropColumn(
                name: "EligibleCount",
                table: "QualityAuditRounds");

            migrationBuilder.DropColumn(
                name: "SampleSeed",
                table: "QualityAuditRounds");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "QualityAuditRounds");
        }
    }
}

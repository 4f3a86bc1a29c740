using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ScaleMax",
                table: "CheckIns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ScaleMin",
                table: "CheckIns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "WorkerRatedAt",
                table: "CheckIns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CheckInSchedule",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EveryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckInSchedule", x => x.PersonId);
                    table.ForeignKey(
                        name: "FK_CheckInSchedule_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasureDefinition",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    ScoringJson = table.Column<string>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LicenceNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    CreatedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureDefinition", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureDefinition_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MeasureResponse",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureDefinitionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    RawScore = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    MetricScore = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    SubscaleScoresJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureResponse", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureResponse_MeasureDefinition_MeasureDefinitionId",
                        column: x => x.MeasureDefinitionId,
                        principalTable: "MeasureDefinition",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeasureResponse_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "LifeDomains",
                columns: new[] { "Id", "Description", "IsActive", "Key", "Name", "Order", "OrganisationId" },
                values: new object[,]
                {
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000001"), "How you feel in yourself: your mood, worries and peace of mind.", true, "mental-wellbeing", "Mental wellbeing", 1, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000002"), "Your body, sleep, energy, eating and keeping active.", true, "physical-health", "Physical health", 2, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000003"), "The people closest to you and how things are between you.", true, "relationships-family", "Relationships and family", 3, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000004"), "Having people to spend time with and feeling connected.", true, "friends-social", "Friends and social life", 4, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000005"), "Having enough to live on and feeling on top of bills and debts.", true, "money", "Money", 5, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000006"), "Having a settled, safe place to live that feels like yours.", true, "home", "Home", 6, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000007"), "Doing something that uses your skills or helps you grow.", true, "work-learning", "Work, learning and volunteering", 7, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000008"), "Time for things you enjoy: hobbies, fun and rest.", true, "leisure", "Leisure and interests", 8, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000009"), "Feeling safe from harm, at home and when you are out.", true, "feeling-safe", "Feeling safe", 9, null },
                    { new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000010"), "Having things to look forward to and a sense of where you are going.", true, "hope-purpose", "Hope and purpose", 10, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureDefinition_OrganisationId_Code",
                table: "MeasureDefinition",
                columns: new[] { "OrganisationId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeasureResponse_MeasureDefinitionId",
                table: "MeasureResponse",
                column: "MeasureDefinitionId");

            migrationBuilder.CreateIndex(
                name: "IX_MeasureResponse_PersonId_MeasureDefinitionId_At",
                table: "MeasureResponse",
                columns: new[] { "PersonId", "MeasureDefinitionId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckInSchedule");

            migrationBuilder.DropTable(
                name: "MeasureResponse");

            migrationBuilder.DropTable(
                name: "MeasureDefinition");

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000001"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000002"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000003"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000004"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000005"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000006"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000007"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000008"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000009"));

            migrationBuilder.DeleteData(
                table: "LifeDomains",
                keyColumn: "Id",
                keyValue: new Guid("5d0b1c2e-7a41-4c55-8e1f-000000000010"));

            migrationBuilder.DropColumn(
                name: "ScaleMax",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "ScaleMin",
                table: "CheckIns");

            migrationBuilder.DropColumn(
                name: "WorkerRatedAt",
                table: "CheckIns");
        }
    }
}

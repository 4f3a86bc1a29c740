using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Plans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OfflineCopy",
                table: "Plans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ProfessionalNote",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProfessionalNote", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProfessionalNote_PlanSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "PlanSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SectionSuggestion",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SuggestedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    BaseVersion = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionSuggestion", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SectionSuggestion_PlanSections_SectionId",
                        column: x => x.SectionId,
                        principalTable: "PlanSections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProfessionalNote_SectionId_CreatedAt",
                table: "ProfessionalNote",
                columns: new[] { "SectionId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SectionSuggestion_SectionId_Status",
                table: "SectionSuggestion",
                columns: new[] { "SectionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProfessionalNote");

            migrationBuilder.DropTable(
                name: "SectionSuggestion");

            migrationBuilder.DropColumn(
                name: "OfflineCopy",
                table: "Plans");
        }
    }
}

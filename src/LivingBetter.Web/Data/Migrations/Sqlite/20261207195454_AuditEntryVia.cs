using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditEntryVia : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Via",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 80,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Via",
                table: "AuditEntries");
        }
    }
}

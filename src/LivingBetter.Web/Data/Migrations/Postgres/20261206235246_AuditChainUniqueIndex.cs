using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChainUniqueIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PreviousHash",
                table: "AuditEntries",
                column: "PreviousHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_PreviousHash",
                table: "AuditEntries");
        }
    }
}

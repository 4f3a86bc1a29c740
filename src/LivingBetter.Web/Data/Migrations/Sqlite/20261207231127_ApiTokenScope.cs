using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiTokenScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Parts",
                table: "ApiToken",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PersonId",
                table: "ApiToken",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiToken_PersonId",
                table: "ApiToken",
                column: "PersonId");

            migrationBuilder.AddForeignKey(
                name: "FK_ApiToken_People_PersonId",
                table: "ApiToken",
                column: "PersonId",
                principalTable: "People",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ApiToken_People_PersonId",
                table: "ApiToken");

            migrationBuilder.DropIndex(
                name: "IX_ApiToken_PersonId",
                table: "ApiToken");

            migrationBuilder.DropColumn(
                name: "Parts",
                table: "ApiToken");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "ApiToken");
        }
    }
}

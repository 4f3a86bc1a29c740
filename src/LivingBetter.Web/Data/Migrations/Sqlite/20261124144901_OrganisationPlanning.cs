using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LivingBetter.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationPlanning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DivisionActionPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WellbeingMeaning = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Stakeholders = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Resources = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WorkforceCapacity = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StaffDevelopment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PeopleAndCarers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    StakeholderBarriers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OtherBarriers = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Opportunities = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResourcesToSustain = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DivisionActionPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DivisionActionPlans_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DivisionActionPlans_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MakingItRealPriorities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewOn = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakingItRealPriorities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MakingItRealPriorities_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MakingItRealRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakingItRealRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MakingItRealRounds_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PeerWorkforcePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlannedPosts = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeerWorkforcePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeerWorkforcePlans_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PeerWorkforcePlans_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfAssessmentRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DivisionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HeldOn = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfAssessmentRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfAssessmentRounds_Divisions_DivisionId",
                        column: x => x.DivisionId,
                        principalTable: "Divisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelfAssessmentRounds_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StrategyProgress",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CurrentPhase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StrategyProgress", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_StrategyProgress_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StrategyTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StrategyTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StrategyTasks_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SmartActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Specific = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AchievableNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueOn = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ProgressNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmartActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SmartActions_DivisionActionPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "DivisionActionPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MakingItRealLeads",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PriorityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakingItRealLeads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MakingItRealLeads_MakingItRealPriorities_PriorityId",
                        column: x => x.PriorityId,
                        principalTable: "MakingItRealPriorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MakingItRealRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StatementKey = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MakingItRealRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MakingItRealRatings_MakingItRealRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "MakingItRealRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ChallengeRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoundId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChallengeKey = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    GoalsForChange = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProgressIndicators = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChallengeRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChallengeRatings_SelfAssessmentRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "SelfAssessmentRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChallengeRatings_RoundId_ChallengeKey",
                table: "ChallengeRatings",
                columns: new[] { "RoundId", "ChallengeKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionActionPlans_DivisionId",
                table: "DivisionActionPlans",
                column: "DivisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DivisionActionPlans_OrganisationId",
                table: "DivisionActionPlans",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_MakingItRealLeads_PriorityId",
                table: "MakingItRealLeads",
                column: "PriorityId");

            migrationBuilder.CreateIndex(
                name: "IX_MakingItRealPriorities_OrganisationId",
                table: "MakingItRealPriorities",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_MakingItRealRatings_RoundId_StatementKey",
                table: "MakingItRealRatings",
                columns: new[] { "RoundId", "StatementKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MakingItRealRounds_OrganisationId_HeldOn",
                table: "MakingItRealRounds",
                columns: new[] { "OrganisationId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PeerWorkforcePlans_OrganisationId_TeamId",
                table: "PeerWorkforcePlans",
                columns: new[] { "OrganisationId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeerWorkforcePlans_TeamId",
                table: "PeerWorkforcePlans",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessmentRounds_DivisionId",
                table: "SelfAssessmentRounds",
                column: "DivisionId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessmentRounds_OrganisationId_DivisionId_HeldOn",
                table: "SelfAssessmentRounds",
                columns: new[] { "OrganisationId", "DivisionId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_SmartActions_PlanId_DueOn",
                table: "SmartActions",
                columns: new[] { "PlanId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_StrategyTasks_OrganisationId_Phase_Order",
                table: "StrategyTasks",
                columns: new[] { "OrganisationId", "Phase", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChallengeRatings");

            migrationBuilder.DropTable(
                name: "MakingItRealLeads");

            migrationBuilder.DropTable(
                name: "MakingItRealRatings");

            migrationBuilder.DropTable(
                name: "PeerWorkforcePlans");

            migrationBuilder.DropTable(
                name: "SmartActions");

            migrationBuilder.DropTable(
                name: "StrategyProgress");

            migrationBuilder.DropTable(
                name: "StrategyTasks");

            migrationBuilder.DropTable(
                name: "SelfAssessmentRounds");

            migrationBuilder.DropTable(
                name: "MakingItRealPriorities");

            migrationBuilder.DropTable(
                name: "MakingItRealRounds");

            migrationBuilder.DropTable(
                name: "DivisionActionPlans");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace LivingBetter.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TeamPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BenchmarkFramework",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    IsCurrent = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkFramework", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkFramework_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberProfile",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Likes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Interests = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PreviousJobs = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    FavouriteBookOrMusic = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TopTip = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    AnythingElse = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberProfile", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberProfile_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MemberProfile_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamAsset",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Visibility = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamAsset", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamAsset_AspNetUsers_OwnerUserId",
                        column: x => x.OwnerUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamAsset_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamPlan",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false),
                    CycleYear = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreviousPlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AnnualReviewNotes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamPlan", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamPlan_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkTheme",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkTheme", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkTheme_BenchmarkFramework_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "BenchmarkFramework",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkRound",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    FrameworkId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PreviousRoundId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkRound", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkRound_BenchmarkFramework_FrameworkId",
                        column: x => x.FrameworkId,
                        principalTable: "BenchmarkFramework",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BenchmarkRound_TeamPlan_TeamPlanId",
                        column: x => x.TeamPlanId,
                        principalTable: "TeamPlan",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewMeeting",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewMeeting", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewMeeting_TeamPlan_TeamPlanId",
                        column: x => x.TeamPlanId,
                        principalTable: "TeamPlan",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkStatement",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ThemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkStatement", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BenchmarkStatement_BenchmarkTheme_ThemeId",
                        column: x => x.ThemeId,
                        principalTable: "BenchmarkTheme",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewAttendee",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Perspective = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewAttendee", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewAttendee_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewAttendee_ReviewMeeting_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "ReviewMeeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AgreedRating",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    DiscussionNotes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    AgreedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AgreedByUserId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreedRating", x => x.Id);
                    table.CheckConstraint("CK_AgreedRating_Score", "\"Score\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_AgreedRating_BenchmarkRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "BenchmarkRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AgreedRating_BenchmarkStatement_StatementId",
                        column: x => x.StatementId,
                        principalTable: "BenchmarkStatement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BenchmarkRating",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Perspective = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    InMeeting = table.Column<bool>(type: "boolean", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BenchmarkRating", x => x.Id);
                    table.CheckConstraint("CK_BenchmarkRating_Score", "\"Score\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_BenchmarkRating_BenchmarkRound_RoundId",
                        column: x => x.RoundId,
                        principalTable: "BenchmarkRound",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BenchmarkRating_BenchmarkStatement_StatementId",
                        column: x => x.StatementId,
                        principalTable: "BenchmarkStatement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TeamPriority",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    StatementId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamPriority", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamPriority_BenchmarkStatement_StatementId",
                        column: x => x.StatementId,
                        principalTable: "BenchmarkStatement",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_TeamPriority_TeamPlan_TeamPlanId",
                        column: x => x.TeamPlanId,
                        principalTable: "TeamPlan",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TeamAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    PriorityId = table.Column<Guid>(type: "uuid", nullable: true),
                    Specific = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Measure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Achievable = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Realistic = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WorkingGroup = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TeamAction_TeamPlan_TeamPlanId",
                        column: x => x.TeamPlanId,
                        principalTable: "TeamPlan",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TeamAction_TeamPriority_PriorityId",
                        column: x => x.PriorityId,
                        principalTable: "TeamPriority",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ActionLead",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Perspective = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionLead", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionLead_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ActionLead_TeamAction_ActionId",
                        column: x => x.ActionId,
                        principalTable: "TeamAction",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ActionUpdate",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReviewMeetingId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionUpdate", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionUpdate_ReviewMeeting_ReviewMeetingId",
                        column: x => x.ReviewMeetingId,
                        principalTable: "ReviewMeeting",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ActionUpdate_TeamAction_ActionId",
                        column: x => x.ActionId,
                        principalTable: "TeamAction",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "BenchmarkFramework",
                columns: new[] { "Id", "CreatedAt", "IsCurrent", "Name", "OrganisationId", "Version" },
                values: new object[] { new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), true, "Recovery in our team (LivingBetter default)", null, 1 });

            migrationBuilder.InsertData(
                table: "BenchmarkTheme",
                columns: new[] { "Id", "FrameworkId", "Key", "Name", "Order" },
                values: new object[,]
                {
                    { new Guid("0bb96dfc-af13-5141-30e2-b0d1c95e725d"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "equals", "Working as equals", 8 },
                    { new Guid("0ef33638-9141-d44d-9bb6-f2d0a1046c05"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "goals", "Goals and celebrating progress", 3 },
                    { new Guid("305f0906-1e60-3868-8c5d-be6919e64f6f"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "staff", "Staff, leadership and culture", 9 },
                    { new Guid("5f557e2b-7878-1b3a-78f9-f33b68d0d750"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "choice", "Choice, control and personal plans", 2 },
                    { new Guid("8e6e5c84-df5d-425a-adde-814d9e20c02a"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "learning", "Peer support and learning together", 7 },
                    { new Guid("a3104bfc-9b46-833e-531d-ebd1caf71d5a"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "community", "Life beyond the service", 5 },
                    { new Guid("b13ec140-b723-eba6-d74d-167f37363d33"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "everyday", "Everyday relationships and hope", 1 },
                    { new Guid("c1e0d8a2-cc83-18e1-219f-52fc63ff36fc"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "risk", "Trying new things safely", 4 },
                    { new Guid("d18d8be9-e9b8-97cf-9481-c90a11e34f67"), new Guid("c25222e4-c142-7a25-a1b9-e14e09d3ec39"), "family", "Family, friends and carers", 6 }
                });

            migrationBuilder.InsertData(
                table: "BenchmarkStatement",
                columns: new[] { "Id", "Key", "Order", "Text", "ThemeId" },
                values: new object[,]
                {
                    { new Guid("01c68ec9-ee20-35cc-5837-fc7259ffe185"), "opportunities", 1, "The team knows about local opportunities (work, learning, leisure, faith, volunteering) and helps people take them up.", new Guid("a3104bfc-9b46-833e-531d-ebd1caf71d5a") },
                    { new Guid("02edac68-f643-1193-5317-742b6b76c722"), "co-design", 1, "People using the service help design, run and review what the team does, not only comment on staff plans.", new Guid("0bb96dfc-af13-5141-30e2-b0d1c95e725d") },
                    { new Guid("035b0388-e8fd-6b7c-7026-8cd1cb794212"), "signposting", 3, "People get help to find and use different kinds of support, inside and outside mental health services.", new Guid("a3104bfc-9b46-833e-531d-ebd1caf71d5a") },
                    { new Guid("05b371a1-d816-5172-37cd-41c7e14b7e09"), "community-understanding", 2, "The team helps local organisations and employers understand mental health challenges and make room for people.", new Guid("a3104bfc-9b46-833e-531d-ebd1caf71d5a") },
                    { new Guid("10efe185-ea46-003f-787f-8cbcdaaecebc"), "staff-experience", 3, "The team values lived experience among its staff, and staff can draw on their own experience thoughtfully.", new Guid("305f0906-1e60-3868-8c5d-be6919e64f6f") },
                    { new Guid("2213963f-ae14-2264-fddb-b228a2ae2271"), "shared-notes", 3, "Support plans are worked out together, and people can read and add to their own notes.", new Guid("5f557e2b-7878-1b3a-78f9-f33b68d0d750") },
                    { new Guid("3c8dacc4-a90c-75d5-a067-3adc1b40ba07"), "talents", 3, "The skills and talents of everyone in the team, staff and people using the service, are known and put to use.", new Guid("0bb96dfc-af13-5141-30e2-b0d1c95e725d") },
                    { new Guid("3d59e2a5-4067-5d54-bdc5-d76d9bfe6355"), "recruitment", 2, "People using the service take part in recruiting and interviewing staff.", new Guid("0bb96dfc-af13-5141-30e2-b0d1c95e725d") },
                    { new Guid("432b94d6-4dca-9510-d532-918aeaafd943"), "own-plan", 2, "Each person can have a recovery or staying-well plan in their own words; staff can have a wellbeing-at-work plan too.", new Guid("5f557e2b-7878-1b3a-78f9-f33b68d0d750") },
                    { new Guid("4c76b4e0-fb01-6a88-322a-10de9d462dd6"), "carers", 2, "Carers and family members get support with their own wellbeing and recovery.", new Guid("d18d8be9-e9b8-97cf-9481-c90a11e34f67") },
                    { new Guid("4dcd5ada-85fd-c1f3-d3c7-2cc3e05166df"), "learn-together", 2, "People using the service and staff learn about recovery side by side, on courses led jointly by people with lived experience.", new Guid("8e6e5c84-df5d-425a-adde-814d9e20c02a") },
                    { new Guid("7a0cdc5e-3235-6e41-ba1f-163d334676c1"), "decide", 1, "Each person gets help to decide what they want, even when it is not what staff would choose.", new Guid("5f557e2b-7878-1b3a-78f9-f33b68d0d750") },
                    { new Guid("7c27bac1-31e6-1951-30f0-3d6ba41872e7"), "college", 3, "The team is linked with a recovery college or similar and encourages people to take part.", new Guid("8e6e5c84-df5d-425a-adde-814d9e20c02a") },
                    { new Guid("805ddcae-7bae-64d2-3b03-067ea5b1cfed"), "supervision", 2, "Supervision and appraisal help staff work in recovery-focused ways.", new Guid("305f0906-1e60-3868-8c5d-be6919e64f6f") },
                    { new Guid("976d5477-6d50-e279-5fd5-c0f91306b30e"), "positive-risk", 1, "The team helps people try new things and take considered risks, rather than avoiding every risk.", new Guid("c1e0d8a2-cc83-18e1-219f-52fc63ff36fc") },
                    { new Guid("985ab2ea-83e7-3cc6-d0a3-1441b8c48cdd"), "hope", 2, "We expect that people can build a good life, and we say so.", new Guid("b13ec140-b723-eba6-d74d-167f37363d33") },
                    { new Guid("a644eebc-67c9-e9d5-8296-e311c7151312"), "equals", 1, "Staff and people using the service talk with each other as equals, with warmth and respect, in everyday contact.", new Guid("b13ec140-b723-eba6-d74d-167f37363d33") },
                    { new Guid("a7b7321e-1375-63ae-f59e-23e6d2463189"), "safety-plans", 2, "Safety plans are written with the person and say what they find helpful.", new Guid("c1e0d8a2-cc83-18e1-219f-52fc63ff36fc") },
                    { new Guid("b2ad7ae2-5b9b-6e4c-87b3-49e2adcde01a"), "peer-support", 1, "People can get support from peers with lived experience, including peer support workers.", new Guid("8e6e5c84-df5d-425a-adde-814d9e20c02a") },
                    { new Guid("b75da4fc-1711-a469-3fda-358b7816f1e1"), "staff-wellbeing", 4, "Staff wellbeing is looked after, and staff are supported in their own recovery.", new Guid("305f0906-1e60-3868-8c5d-be6919e64f6f") },
                    { new Guid("b7961fd2-e7a5-cd20-903f-d0dbe1c1e3b2"), "stories", 3, "People hear how others facing similar challenges found their way, and can share their own story if they want to.", new Guid("b13ec140-b723-eba6-d74d-167f37363d33") },
                    { new Guid("bab64a4f-ace0-3013-4122-b2f0ab73fc76"), "involve-others", 1, "People who matter to the person, like family and friends, are involved in the way the person wants.", new Guid("d18d8be9-e9b8-97cf-9481-c90a11e34f67") },
                    { new Guid("d17e6e8b-e72a-fd0b-8fc4-062121dd6711"), "own-goals", 1, "Goals are the person's own, and the team notices and celebrates progress towards them.", new Guid("0ef33638-9141-d44d-9bb6-f2d0a1046c05") },
                    { new Guid("fb8ab9aa-2b10-d15a-4d68-9ce01423b772"), "leadership", 1, "Leaders at every level speak up for recovery and make time for this plan.", new Guid("305f0906-1e60-3868-8c5d-be6919e64f6f") },
                    { new Guid("fdf8be9b-be6f-5bff-64a8-5c1890a04a5b"), "budgets", 4, "People know about personal budgets and direct payments, and get help to use them the way they choose.", new Guid("5f557e2b-7878-1b3a-78f9-f33b68d0d750") }
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionLead_ActionId_UserId",
                table: "ActionLead",
                columns: new[] { "ActionId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActionLead_UserId",
                table: "ActionLead",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionUpdate_ActionId",
                table: "ActionUpdate",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionUpdate_ReviewMeetingId",
                table: "ActionUpdate",
                column: "ReviewMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreedRating_RoundId_StatementId",
                table: "AgreedRating",
                columns: new[] { "RoundId", "StatementId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AgreedRating_StatementId",
                table: "AgreedRating",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkFramework_OrganisationId_Version",
                table: "BenchmarkFramework",
                columns: new[] { "OrganisationId", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkRating_RoundId_StatementId_UserId",
                table: "BenchmarkRating",
                columns: new[] { "RoundId", "StatementId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkRating_StatementId",
                table: "BenchmarkRating",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkRound_FrameworkId",
                table: "BenchmarkRound",
                column: "FrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkRound_TeamPlanId_Number",
                table: "BenchmarkRound",
                columns: new[] { "TeamPlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkStatement_ThemeId",
                table: "BenchmarkStatement",
                column: "ThemeId");

            migrationBuilder.CreateIndex(
                name: "IX_BenchmarkTheme_FrameworkId",
                table: "BenchmarkTheme",
                column: "FrameworkId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberProfile_TeamId_UserId",
                table: "MemberProfile",
                columns: new[] { "TeamId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberProfile_UserId",
                table: "MemberProfile",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAttendee_MeetingId_UserId",
                table: "ReviewAttendee",
                columns: new[] { "MeetingId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewAttendee_UserId",
                table: "ReviewAttendee",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewMeeting_TeamPlanId",
                table: "ReviewMeeting",
                column: "TeamPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAction_PriorityId",
                table: "TeamAction",
                column: "PriorityId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAction_TeamPlanId",
                table: "TeamAction",
                column: "TeamPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAsset_OwnerUserId",
                table: "TeamAsset",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamAsset_TeamId",
                table: "TeamAsset",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamPlan_TeamId_CycleYear",
                table: "TeamPlan",
                columns: new[] { "TeamId", "CycleYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamPriority_StatementId",
                table: "TeamPriority",
                column: "StatementId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamPriority_TeamPlanId",
                table: "TeamPriority",
                column: "TeamPlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionLead");

            migrationBuilder.DropTable(
                name: "ActionUpdate");

            migrationBuilder.DropTable(
                name: "AgreedRating");

            migrationBuilder.DropTable(
                name: "BenchmarkRating");

            migrationBuilder.DropTable(
                name: "MemberProfile");

            migrationBuilder.DropTable(
                name: "ReviewAttendee");

            migrationBuilder.DropTable(
                name: "TeamAsset");

            migrationBuilder.DropTable(
                name: "TeamAction");

            migrationBuilder.DropTable(
                name: "BenchmarkRound");

            migrationBuilder.DropTable(
                name: "ReviewMeeting");

            migrationBuilder.DropTable(
                name: "TeamPriority");

            migrationBuilder.DropTable(
                name: "BenchmarkStatement");

            migrationBuilder.DropTable(
                name: "TeamPlan");

            migrationBuilder.DropTable(
                name: "BenchmarkTheme");

            migrationBuilder.DropTable(
                name: "BenchmarkFramework");
        }
    }
}

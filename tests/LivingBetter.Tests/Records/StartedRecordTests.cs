using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using LivingBetter.Tests.Plans;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Records;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Records;

/// <summary>Staff start a record with someone who has no account, write with them, and the person claims it with a code.</summary>
public sealed partial class StartedRecordTests : IDisposable
{
    private readonly LivingBetterApp app = new();

    public void Dispose() => app.Dispose();

    [GeneratedRegex(@"[A-HJ-KMNP-Z2-9]{4}-[A-HJ-KMNP-Z2-9]{4}-[A-HJ-KMNP-Z2-9]{4}")]
    private static partial Regex CodePattern();

    private sealed record Setup(Guid TeamId, Actor Staff, HttpClient StaffClient, string StaffName, string TeamName);

    private async Task<Setup> StaffAsync()
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        var staff = await app.CreateStaffAsync(orgId, teamId);
        var names = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Id == staff.UserId).Select(u => u.DisplayName).SingleAsync(),
            await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).SingleAsync()));
        return new Setup(teamId, staff, await app.SignInAsync(staff), names.Item1, names.Item2);
    }

    private static async Task<Guid> StartAsync(HttpClient staff, string fullName = "Robin Hartley", string preferred = "Robin", string? dob = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.FullName"] = fullName,
            ["Input.PreferredName"] = preferred,
            ["Input.PersonAgreed"] = "true",
        };
        if (dob is not null)
        {
            fields["Input.DateOfBirth"] = dob;
        }
        var response = await staff.SubmitFormAsync("/records/start", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.OriginalString;
        Assert.EndsWith("/record?started=true", location);
        return Guid.Parse(location.Split('/')[2]);
    }

    private static async Task<string> IssueCodeAsync(HttpClient staff, Guid personId, string? email = null)
    {
        var response = await staff.SubmitFormAsync($"/people/{personId}/record",
            email is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Input.Email"] = email }, "handler=invite");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Forms.ParseAsync(response);
        return page.QuerySelector("#claim-code")!.TextContent.Trim();
    }

    private async Task<HttpResponseMessage> CreateAccountAndClaimAsync(HttpClient client, string code, string email, string name = "Robin")
    {
        return await client.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name,
            ["Input.Email"] = email,
            ["Input.Password"] = LivingBetterApp.Password,
        }, "handler=create");
    }

    [Fact]
    public async Task StartWriteInviteClaimConfirm_WholeJourney_PersonOwnsWhatTheyConfirmAndControlsSharing()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient, dob: "27/3/1999");
        var recordPage = await s.StaffClient.GetPageAsync($"/people/{personId}/record?started=true");
        Assert.Contains("We have recorded that Robin agreed", recordPage.MainText());
        Assert.Contains($"Started by {s.StaffName} for {s.TeamName}", recordPage.MainText());
        var started = await app.WithDbAsync(db => db.StartedRecords.SingleAsync(r => r.PersonId == personId));
        Assert.Equal((s.Staff.UserId, s.TeamId, "Robin Hartley", new DateOnly(1999, 3, 27)), (started.StartedByUserId, started.TeamId, started.FullName, started.DateOfBirth));
        Assert.Equal(app.Time.GetUtcNow(), started.PersonAgreedAt);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == "record.agreement" && a.ActorUserId == s.Staff.UserId)));

        // Written together: a draft, nothing in the plan itself yet.
        var wrote = await s.StaffClient.SubmitFormAsync($"/people/{personId}/plans/wellbeing/goals", new Dictionary<string, string>
        {
            ["GoalInput.Words"] = "Go back to the allotment every week",
        }, "handler=goal");
        Assert.Contains("draft written together with you", (await s.StaffClient.FollowAsync(wrote)).MainText());
        Assert.Contains("1 draft is waiting for Robin to confirm", (await s.StaffClient.GetPageAsync($"/people/{personId}/record")).MainText());
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanSectionVersions.CountAsync(v => v.Section!.Plan!.PersonId == personId)));

        var code = await IssueCodeAsync(s.StaffClient, personId, "robin@test.livingbetter.example");
        Assert.Matches(CodePattern(), code);
        Assert.Contains(code, app.Email.LastTo("robin@test.livingbetter.example").TextBody);
        var stored = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.PersonId == personId && i.Kind == InvitationKind.ClaimRecord));
        Assert.Equal(ClaimCodes.Hash(code), stored.TokenHash);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), stored.TokenHash, StringComparison.OrdinalIgnoreCase);

        // The person types the code from the letter, in lower case with spaces.
        var robin = app.NewClient();
        var typed = await robin.SubmitFormAsync("/claim", new Dictionary<string, string> { ["EnteredCode"] = code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) }, "handler=find");
        Assert.Equal($"/claim/{code}", typed.Headers.Location?.OriginalString);
        var claimPage = await robin.GetPageAsync($"/claim/{code}");
        Assert.Contains($"{s.StaffName} in {s.TeamName} started a record", claimPage.MainText());
        var claimed = await CreateAccountAndClaimAsync(robin, code, "robin@test.livingbetter.example");
        Assert.Equal("/my-record?claimed=true", claimed.Headers.Location?.OriginalString);

        var mine = await robin.GetPageAsync("/my-record?claimed=true");
        Assert.Contains($"{s.StaffName} in {s.TeamName} started this record with you", mine.MainText());
        Assert.Contains("1 part of your wellbeing plan was written together with staff", mine.MainText());
        Assert.Contains($"{s.TeamName} (your care team) can see and suggest changes to your wellbeing plan", mine.MainText());

        // Confirm the draft: only now is it the person's goal, in their name.
        var goals = await robin.GetPageAsync("/plans/wellbeing/goals");
        var draft = goals.QuerySelector("[data-suggestion]")!;
        Assert.Contains($"Written together with {s.StaffName}", draft.TextContent);
        var confirm = await robin.PostAsync("/plans/wellbeing/goals?handler=accept", new FormUrlEncodedContent(Hidden(draft.QuerySelector("form")!)));
        Assert.Contains("Go back to the allotment every week", (await robin.FollowAsync(confirm)).QuerySelector(".nhsuk-card--clickable")!.TextContent);
        var robinId = await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.UserId).SingleAsync());
        Assert.Equal(robinId, await app.WithDbAsync(db => db.PlanSectionVersions.Where(v => v.Section!.Plan!.PersonId == personId).Select(v => (Guid?)v.AuthorUserId).SingleAsync()));

        // The record is the person's now: staff's record page is gone, and the person can withdraw the team.
        Assert.Equal(HttpStatusCode.NotFound, (await s.StaffClient.GetAsync($"/people/{personId}/record")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.StaffClient.GetAsync($"/people/{personId}/plans/wellbeing/goals")).StatusCode);
        var wellbeingGrant = await app.WithDbAsync(db => db.SharingGrants.SingleAsync(g => g.PersonId == personId && g.Part == SharedPart.WellbeingPlan));
        var stop = await robin.PostWithTokenAsync("/sharing", "/sharing?handler=stop", new Dictionary<string, string> { ["grantId"] = wellbeingGrant.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, stop.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.StaffClient.GetAsync($"/people/{personId}/plans/wellbeing/goals")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == "record.claim" && a.ActorUserId == robinId)));
    }

    private static List<KeyValuePair<string, string>> Hidden(IElement form) =>
        form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!)).ToList();

    [Fact]
    public async Task Start_EmptyOrBadInput_NamesEachFieldAndSavesNothing()
    {
        var s = await StaffAsync();
        var before = await app.WithDbAsync(db => db.People.CountAsync());
        var empty = await Forms.ParseAsync(await s.StaffClient.SubmitFormAsync("/records/start", new Dictionary<string, string>()));
        Assert.Equal("Enter their name", empty.FieldError("Input_FullName"));
        Assert.Equal("Enter how they would like to be addressed", empty.FieldError("Input_PreferredName"));
        Assert.Equal("Confirm that the person agreed to you starting a record with them", empty.FieldError("Input_PersonAgreed"));

        var bad = await Forms.ParseAsync(await s.StaffClient.SubmitFormAsync("/records/start", new Dictionary<string, string>
        {
            ["Input.FullName"] = new string('x', 151),
            ["Input.PreferredName"] = "Robin",
            ["Input.DateOfBirth"] = "31/2/1990",
            ["Input.TeamId"] = Guid.NewGuid().ToString(),
            ["Input.PersonAgreed"] = "true",
        }));
        Assert.Equal("Name must be 150 characters or fewer", bad.FieldError("Input_FullName"));
        Assert.Equal("Enter date of birth as day/month/year, like 27/3/1990", bad.FieldError("Input_DateOfBirth"));
        Assert.Equal("Choose the team that will support them", bad.FieldError("Input_TeamId"));

        var future = await Forms.ParseAsync(await s.StaffClient.SubmitFormAsync("/records/start", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Robin Hartley",
            ["Input.PreferredName"] = "Robin",
            ["Input.DateOfBirth"] = "2030-01-01",
        }));
        Assert.Equal("Date of birth must be in the past", future.FieldError("Input_DateOfBirth"));
        Assert.Equal(before, await app.WithDbAsync(db => db.People.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.StartedRecords.CountAsync()));
    }

    [Fact]
    public async Task Start_SimilarNameInMyTeam_WarnsButNeverShowsOtherTeamsPeople()
    {
        var s = await StaffAsync();
        await StartAsync(s.StaffClient, "Robin Hartley", "Robbie");
        var other = await StaffAsync();
        await StartAsync(other.StaffClient, "Robin Hartley", "Secret Robin");

        var warned = await Forms.ParseAsync(await s.StaffClient.SubmitFormAsync("/records/start", new Dictionary<string, string>
        {
            ["Input.FullName"] = "robin hartley",
            ["Input.PreferredName"] = "Rob",
            ["Input.PersonAgreed"] = "true",
        }));
        Assert.Contains("already supports someone with a similar name", warned.FieldError("Input_NotADuplicate"));
        Assert.Contains("Robbie (Robin Hartley)", warned.MainText());
        Assert.DoesNotContain("Secret Robin", warned.MainText());
        Assert.Equal(2, await app.WithDbAsync(db => db.StartedRecords.CountAsync()));

        var confirmed = await s.StaffClient.SubmitFormAsync("/records/start", new Dictionary<string, string>
        {
            ["Input.FullName"] = "robin hartley",
            ["Input.PreferredName"] = "Rob",
            ["Input.PersonAgreed"] = "true",
            ["Input.NotADuplicate"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.StartedRecords.CountAsync()));
    }

    [Fact]
    public async Task StartAndRecordPages_PeopleOutsideTheTeam_Get404()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient);
        var code = await IssueCodeAsync(s.StaffClient, personId);
        var invitationId = await app.WithDbAsync(db => db.Invitations.Where(i => i.PersonId == personId).Select(i => i.Id).SingleAsync());

        var other = await StaffAsync();
        var aPerson = await app.SignInAsync(await app.CreatePersonAsync("Someone Else"));
        Assert.Equal(HttpStatusCode.NotFound, (await aPerson.GetAsync("/records/start")).StatusCode);
        foreach (var client in new[] { other.StaffClient, aPerson })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{personId}/record")).StatusCode);
            var invite = await client.PostWithTokenAsync("/account/security", $"/people/{personId}/record?handler=invite", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, invite.StatusCode);
            var cancel = await client.PostWithTokenAsync("/account/security", $"/people/{personId}/record?handler=cancel", new Dictionary<string, string> { ["invitationId"] = invitationId.ToString() });
            Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/people/{personId}/plans/wellbeing/goals")).StatusCode);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.PersonId == personId && i.CancelledAt == null)));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.ActorUserId == other.Staff.UserId && a.Outcome == AuditOutcome.Denied)));
        // The code still works for the person after all that.
        Assert.Contains("Claim your record, Robin", (await app.NewClient().GetPageAsync($"/claim/{code}")).MainText());
    }

    [Fact]
    public async Task ClaimCode_ExpiredCancelledUsedOrWrong_SaysWhyAndNeverClaims()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient);
        var expired = await IssueCodeAsync(s.StaffClient, personId);
        app.Time.Advance(StartedRecordsService.ClaimLifetime + TimeSpan.FromMinutes(1));
        s = s with { StaffClient = await app.SignInAsync(s.Staff) };
        var cancelled = await IssueCodeAsync(s.StaffClient, personId);
        var cancelledId = await app.WithDbAsync(db => db.Invitations.Where(i => i.TokenHash == ClaimCodes.Hash(cancelled)).Select(i => i.Id).SingleAsync());
        var cancel = await s.StaffClient.SubmitFormAsync($"/people/{personId}/record", new Dictionary<string, string> { ["invitationId"] = cancelledId.ToString() }, "handler=cancel");
        Assert.Equal($"/people/{personId}/record?cancelled=true", cancel.Headers.Location?.OriginalString);
        var good = await IssueCodeAsync(s.StaffClient, personId);

        var visitor = app.NewClient();
        Assert.Contains("This code has expired", (await visitor.GetPageAsync($"/claim/{expired}")).MainText());
        Assert.Contains("This code has been cancelled", (await visitor.GetPageAsync($"/claim/{cancelled}")).MainText());
        var wrong = await visitor.GetAsync("/claim/AAAA-BBBB-CCCC");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("This code does not work", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/claim/%3Cscript%3E")).StatusCode);
        var typedWrong = await Forms.ParseAsync(await visitor.SubmitFormAsync("/claim", new Dictionary<string, string> { ["EnteredCode"] = "nonsense" }, "handler=find"));
        Assert.Contains("That code is not right", typedWrong.FieldError("EnteredCode"));
        // Posting an account to a code that no longer works creates nothing.
        var lateAccount = await visitor.PostWithTokenAsync("/claim", $"/claim/{expired}?handler=create", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Robin",
            ["Input.Email"] = "late@test.livingbetter.example",
            ["Input.Password"] = LivingBetterApp.Password,
        });
        Assert.Equal(HttpStatusCode.OK, lateAccount.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "late@test.livingbetter.example")));

        // Used once; the second person gets "already used", and the first one's record is untouched.
        var first = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await CreateAccountAndClaimAsync(first, good, "first@test.livingbetter.example")).StatusCode);
        var second = app.NewClient();
        Assert.Contains("This code has already been used", (await second.GetPageAsync($"/claim/{good}")).MainText());
        var firstId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "first@test.livingbetter.example").Select(u => u.Id).SingleAsync());
        Assert.Equal(firstId, await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.UserId).SingleAsync()));
    }

    [Fact]
    public async Task ClaimCode_ManyWrongGuesses_LocksTheAddressOutEvenForARightCode()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient);
        var code = await IssueCodeAsync(s.StaffClient, personId);
        var guesser = app.NewClient();
        for (var i = 0; i < new ClaimThrottleOptions().FailuresPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/claim/AAAA-BBBB-CC{ClaimCodes.Alphabet[i]}{ClaimCodes.Alphabet[i]}")).StatusCode);
        }
        var locked = await guesser.GetAsync($"/claim/{code}");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("too many wrong codes", await locked.Content.ReadAsStringAsync());
        Assert.NotNull(locked.Headers.RetryAfter);

        app.Time.Advance(new ClaimThrottleOptions().Window);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync($"/claim/{code}")).StatusCode);
    }

    [Fact]
    public async Task Claim_SignedInAccounts_AttachOnlyWhenTheAccountHasNoRecordAndIsNotTheTeamsStaff()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient);
        var code = await IssueCodeAsync(s.StaffClient, personId);

        // An account with its own record: refused, nothing merged, nothing spent.
        var owner = await app.CreatePersonAsync("Has A Record");
        var ownerClient = await app.SignInAsync(owner);
        var refused = await Forms.ParseAsync(await ownerClient.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>(), "handler=accept"));
        Assert.Contains("cannot join two records together", refused.MainText());
        // The member of staff who started it: refused.
        var staffRefused = await Forms.ParseAsync(await s.StaffClient.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>(), "handler=accept"));
        Assert.Contains("You work in the team that started this record", staffRefused.MainText());
        Assert.Null(await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.UserId).SingleAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Invitations.Where(i => i.PersonId == personId).Select(i => i.UsedAt).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == "record.claim" && a.ActorUserId == owner.UserId && a.Outcome == AuditOutcome.Denied)));

        // An account with no record of its own (here, someone who supports a friend) claims it.
        var friend = await app.CreatePersonAsync("Friend");
        var supporter = await Sharing.SharingData.CreateSupporterAsync(app, friend.PersonId!.Value, "Robin H");
        var supporterClient = await app.SignInAsync(supporter);
        var accepted = await supporterClient.SubmitFormAsync($"/claim/{code}", new Dictionary<string, string>(), "handler=accept");
        Assert.Equal("/my-record?claimed=true", accepted.Headers.Location?.OriginalString);
        Assert.Equal(supporter.UserId, await app.WithDbAsync(db => db.People.Where(p => p.Id == personId).Select(p => p.UserId).SingleAsync()));
        Assert.Contains("How your record started", (await supporterClient.GetPageAsync("/my-record")).MainText());
        Assert.Equal(HttpStatusCode.OK, (await supporterClient.GetAsync("/plans")).StatusCode);
    }

    [Fact]
    public async Task ClaimThenCloseAccount_PersonsOwnClosure_ErasesHowTheRecordStarted()
    {
        var s = await StaffAsync();
        var personId = await StartAsync(s.StaffClient, dob: "1999-03-27");
        var code = await IssueCodeAsync(s.StaffClient, personId);
        var robin = app.NewClient();
        await CreateAccountAndClaimAsync(robin, code, "closer@test.livingbetter.example");
        var download = await robin.GetAsync("/my-data?handler=download");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync())))
        {
            var json = await new StreamReader(zip.GetEntry("my-data.json")!.Open()).ReadToEndAsync();
            Assert.Contains("recordStartedWithYou", json);
            Assert.Contains("Robin Hartley", json);
        }

        var closed = await robin.SubmitFormAsync("/my-data/close", new Dictionary<string, string> { ["Input.Password"] = LivingBetterApp.Password });
        Assert.Equal("/my-data/closed", closed.Headers.Location?.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.StartedRecords.AnyAsync(r => r.PersonId == personId)));
        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Id == personId)));
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.PersonId == personId)));
    }
}

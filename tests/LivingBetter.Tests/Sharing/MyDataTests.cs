using System.Net;
using System.Text.Json;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Audit;
using LivingBetter.Web.Model;
using Microsoft.EntityFrameworkCore;

namespace LivingBetter.Tests.Sharing;

public sealed class MyDataTests
{
    [Fact]
    public async Task Download_OwnData_HoldsPlansSharingAndLogButNoSecrets()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Sky Corran");
        await app.AddPlanWithMarkerAsync(person.PersonId!.Value, "MARKER-export-51");
        var supporter = await app.CreateSupporterAsync(person.PersonId!.Value, "Bo Corran");
        await app.GrantAsync(person.PersonId!.Value, supporter.UserId, null, SharedPart.CrisisPlan);
        await (await app.SignInAsync(supporter)).GetAsync($"/people/{person.PersonId}");
        var client = await app.SignInAsync(person);

        var response = await client.GetAsync("/my-data?handler=download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var json = await new StreamReader(zip.GetEntry("my-data.json")!.Open()).ReadToEndAsync();
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Sky Corran", doc.RootElement.GetProperty("person").GetProperty("preferredName").GetString());
        Assert.Contains("MARKER-export-51", doc.RootElement.GetProperty("planSectionVersions").GetRawText());
        Assert.Equal("CrisisPlan", doc.RootElement.GetProperty("sharing")[0].GetProperty("part").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("supporters").GetArrayLength());
        Assert.Contains(doc.RootElement.GetProperty("accessLog").EnumerateArray(), a => a.GetProperty("action").GetString() == "people.shared");
        Assert.DoesNotContain("passwordHash", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("securityStamp", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CloseAccount_WrongThenRightPassword_ErasesEverythingWrittenAndKeepsIntactLog()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync("Rue Talbot");
        var personId = person.PersonId!.Value;
        await app.AddPlanWithMarkerAsync(personId, "MARKER-close-77");
        var supporter = await app.CreateSupporterAsync(personId);
        await app.GrantAsync(personId, supporter.UserId, null, SharedPart.CrisisPlan);
        await app.InvitationAsync(personId, person.UserId);
        var client = await app.SignInAsync(person);
        await (await app.SignInAsync(supporter)).GetAsync($"/people/{personId}");

        var page = await client.GetPageAsync("/my-data");
        Assert.Contains("We keep the record of who looked at or changed your information for 8 years", page.MainText());

        var wrong = await Forms.ParseAsync(await client.SubmitFormAsync("/my-data/close", new Dictionary<string, string> { ["Input.Password"] = "not my password" }));
        Assert.Equal("The password is not right", wrong.FieldError("Input_Password"));
        Assert.True(await app.WithDbAsync(db => db.People.AnyAsync(p => p.Id == personId)));

        var closed = await client.SubmitFormAsync("/my-data/close", new Dictionary<string, string> { ["Input.Password"] = LivingBetterApp.Password });
        Assert.True(closed.Headers.Location?.OriginalString == "/my-data/closed", await closed.Content.ReadAsStringAsync());

        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.People.AnyAsync(p => p.Id == personId));
            Assert.False(await db.Users.AnyAsync(u => u.Id == person.UserId));
            Assert.False(await db.Plans.AnyAsync());
            Assert.False(await db.PlanSections.AnyAsync());
            Assert.False(await db.PlanSectionVersions.AnyAsync());
            Assert.False(await db.SharingGrants.AnyAsync());
            Assert.False(await db.SupporterLinks.AnyAsync());
            Assert.False(await db.Invitations.AnyAsync());
            Assert.True(await db.AuditEntries.AnyAsync(a => a.PersonId == personId && a.Action == "account.close"));
            Assert.Equal(0, await AuditCommands.VerifyAsync(db, TextWriter.Null));
        });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/sharing")).StatusCode);
    }

    [Fact]
    public async Task ReportingOptOut_Toggled_IsSavedOnThePerson()
    {
        using var app = new LivingBetterApp();
        var person = await app.CreatePersonAsync();
        var client = await app.SignInAsync(person);
        var response = await client.SubmitFormAsync("/my-data", new Dictionary<string, string>(), "handler=reporting");
        Assert.Equal("/my-data?done=reporting", response.Headers.Location?.OriginalString);
        Assert.True(await app.WithDbAsync(db => db.People.Where(p => p.Id == person.PersonId).Select(p => p.OptedOutOfReporting).SingleAsync()));
        Assert.Contains("You have asked not to be counted in these reports.", (await client.GetPageAsync("/my-data")).MainText());
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace LivingBetter.Benchmarks.FhirBulk;

/// <summary>
/// The FHIR bulk export benchmark (issue #9), driven by <c>bench/fhir-bulk.sh</c>:
/// <c>load N connection</c> adds N made-up people (plans, check-ins, consents) to the demo organisation's
/// first team with PostgreSQL binary COPY; <c>export baseUrl</c> signs in as the demo administrator and
/// runs <c>$export</c> through the app's real worker, then downloads every file and reports throughput.
/// </summary>
public static partial class FhirBulkBench
{
    private const string AdminEmail = "admin@demo.livingbetter.example";
    private const string AdminPassword = "living-better-demo";
    private const string AdminKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private const int CheckInsPerPerson = 4;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["load", var count, var connection]:
                await LoadAsync(int.Parse(count, CultureInfo.InvariantCulture), connection);
                return 0;
            case ["export", var baseUrl]:
                await ExportAsync(baseUrl.TrimEnd('/'));
                return 0;
            default:
                Console.Error.WriteLine("usage: fhir-bulk load <people> <postgres connection> | fhir-bulk export <https://127.0.0.1:port>");
                return 2;
        }
    }

    private static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static async Task LoadAsync(int people, string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        Guid team;
        await using (var find = new NpgsqlCommand("""
            SELECT t."Id" FROM "Teams" t
            JOIN "StaffMemberships" m ON m."OrganisationId" = t."OrganisationId" AND m."IsAdministrator"
            JOIN "AspNetUsers" u ON u."Id" = m."UserId" AND u."Email" = @email
            ORDER BY t."Name" LIMIT 1
            """, conn))
        {
            find.Parameters.AddWithValue("email", AdminEmail);
            team = (Guid)(await find.ExecuteScalarAsync() ?? throw new InvalidOperationException("No demo organisation: start the app with Demo__SeedOnFirstRun=true first"));
        }
        var domains = DefaultDomains.All.Select(d => (d.Id, d.Key)).ToList();
        var watch = Stopwatch.StartNew();
        var random = new Random(9);

        await using var peopleCopy = await conn.BeginBinaryImportAsync("COPY \"People\" (\"Id\", \"PreferredName\", \"BirthYear\", \"Gender\", \"OptedOutOfReporting\", \"CreatedAt\") FROM STDIN (FORMAT BINARY)");
        var rows = new List<(Guid Person, DateTimeOffset Start)>(people);
        for (var p = 0; p < people; p++)
        {
            var id = NewGuid(random);
            var start = Now.AddDays(-random.Next(30, 400));
            rows.Add((id, start));
            await peopleCopy.StartRowAsync();
            await peopleCopy.WriteAsync(id, NpgsqlDbType.Uuid);
            await peopleCopy.WriteAsync($"Bench Person {p + 1}", NpgsqlDbType.Text);
            await peopleCopy.WriteAsync(random.Next(1940, 2008), NpgsqlDbType.Integer);
            await peopleCopy.WriteAsync(random.Next(3) == 0 ? "Woman" : "Man", NpgsqlDbType.Text);
            await peopleCopy.WriteAsync(random.NextDouble() < 0.02, NpgsqlDbType.Boolean);
            await peopleCopy.WriteAsync(start, NpgsqlDbType.TimestampTz);
        }
        await peopleCopy.CompleteAsync();
        await peopleCopy.DisposeAsync();

        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CareEpisodes\" (\"Id\", \"PersonId\", \"TeamId\", \"StartedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (person, start) in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(NewGuid(random), NpgsqlDbType.Uuid);
                await copy.WriteAsync(person, NpgsqlDbType.Uuid);
                await copy.WriteAsync(team, NpgsqlDbType.Uuid);
                await copy.WriteAsync(start, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }

        // Two plans each: staying well (daily living, crisis) and wellbeing (two goals, one achieved).
        var sections = new List<(Guid Plan, string Key, string Content)>(people * 3);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"Plans\" (\"Id\", \"PersonId\", \"Kind\", \"CreatedAt\", \"UpdatedAt\", \"OfflineCopy\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (person, start) in rows)
            {
                foreach (var kind in new[] { "StayingWell", "Wellbeing" })
                {
                    var plan = NewGuid(random);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(plan, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(person, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(kind, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(start.AddDays(7), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    if (kind == "StayingWell")
                    {
                        sections.Add((plan, "daily", """{"everyDay":["Walk before breakfast","Phone my sister"],"mightNeed":["An early night"]}"""));
                        sections.Add((plan, "crisis", """{"takeOverSigns":"Not sleeping for three nights and not answering the phone","notInvolved":"","medicines":""}"""));
                    }
                    else
                    {
                        var domain = domains[random.Next(domains.Count)].Key;
                        sections.Add((plan, "goals", $$"""{"items":[{"id":"{{NewGuid(random)}}","words":"Get back to the allotment","whyItMatters":"Being outside helps","domainKey":"{{domain}}","steps":[],"achievedOn":null,"celebration":""},{"id":"{{NewGuid(random)}}","words":"Cook a meal for friends","whyItMatters":"","domainKey":null,"steps":[],"achievedOn":"2026-10-01","celebration":"We had pasta"}]}"""));
                    }
                }
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"PlanSections\" (\"Id\", \"PlanId\", \"Key\", \"State\", \"Version\", \"Content\", \"UpdatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (plan, key, content) in sections)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(NewGuid(random), NpgsqlDbType.Uuid);
                await copy.WriteAsync(plan, NpgsqlDbType.Uuid);
                await copy.WriteAsync(key, NpgsqlDbType.Varchar);
                await copy.WriteAsync("Started", NpgsqlDbType.Varchar);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(content, NpgsqlDbType.Text);
                await copy.WriteAsync(Now.AddDays(-3), NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }
        sections.Clear();

        var checkIns = new List<Guid>(people * CheckInsPerPerson);
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CheckIns\" (\"Id\", \"PersonId\", \"At\", \"Note\", \"RecordedByUserId\", \"ScaleMin\", \"ScaleMax\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (person, start) in rows)
            {
                for (var c = 0; c < CheckInsPerPerson; c++)
                {
                    var id = NewGuid(random);
                    checkIns.Add(id);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(person, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(start.AddDays(7 * (c + 1)), NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(c == 0 ? "First check-in" : "", NpgsqlDbType.Text);
                    await copy.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(1, NpgsqlDbType.Integer);
                    await copy.WriteAsync(10, NpgsqlDbType.Integer);
                }
            }
            await copy.CompleteAsync();
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"CheckInRatings\" (\"Id\", \"CheckInId\", \"DomainId\", \"Rating\", \"WantsHelp\", \"Note\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var checkIn in checkIns)
            {
                foreach (var (domainId, _) in domains)
                {
                    var rating = random.Next(0, 11);
                    await copy.StartRowAsync();
                    await copy.WriteAsync(NewGuid(random), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(checkIn, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(domainId, NpgsqlDbType.Uuid);
                    if (rating == 0)
                    {
                        await copy.WriteNullAsync();
                    }
                    else
                    {
                        await copy.WriteAsync(rating, NpgsqlDbType.Integer);
                    }
                    await copy.WriteAsync(rating is > 0 and <= 2, NpgsqlDbType.Boolean);
                    await copy.WriteAsync("", NpgsqlDbType.Text);
                }
            }
            await copy.CompleteAsync();
        }
        checkIns.Clear();

        // Consents: check-ins shared with the care team, and an earlier staying-well plan grant withdrawn.
        await using (var copy = await conn.BeginBinaryImportAsync("COPY \"SharingGrants\" (\"Id\", \"PersonId\", \"GranteeTeamId\", \"Part\", \"Access\", \"CreatedAt\", \"WithdrawnAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (person, start) in rows)
            {
                foreach (var (part, withdrawn) in new[] { ("CheckIns", false), ("StayingWellPlan", true) })
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(NewGuid(random), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(person, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(team, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(part, NpgsqlDbType.Varchar);
                    await copy.WriteAsync("View", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(start.AddDays(1), NpgsqlDbType.TimestampTz);
                    if (withdrawn)
                    {
                        await copy.WriteAsync(start.AddDays(20), NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await copy.WriteNullAsync();
                    }
                }
            }
            await copy.CompleteAsync();
        }
        await using (var analyse = new NpgsqlCommand("ANALYZE", conn) { CommandTimeout = 600 })
        {
            await analyse.ExecuteNonQueryAsync();
        }
        Console.WriteLine(FormattableString.Invariant(
            $"loaded {people:N0} people ({people * 2:N0} plans, {people * 3:N0} sections, {people * CheckInsPerPerson:N0} check-ins, {people * CheckInsPerPerson * domains.Count:N0} ratings, {people * 2:N0} consents) in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex Antiforgery();

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string path, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static async Task ExportAsync(string baseUrl)
    {
        using var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            // The benchmark's own self-signed certificate for 127.0.0.1.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
        var signIn = await SubmitAsync(client, "/account/sign-in", new() { ["Input.Email"] = AdminEmail, ["Input.Password"] = AdminPassword });
        var twoFactor = signIn.Headers.Location?.OriginalString ?? throw new InvalidOperationException("sign-in failed");
        var code = Totp.Code(Base32.Decode(AdminKey), Totp.TimeStep(DateTimeOffset.UtcNow));
        var done = await SubmitAsync(client, twoFactor, new() { ["Input.Code"] = code });
        if (done.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("two-factor sign-in failed: " + done.StatusCode);
        }

        var watch = Stopwatch.StartNew();
        using var kickOff = new HttpRequestMessage(HttpMethod.Get, "/fhir/$export");
        kickOff.Headers.Add("Prefer", "respond-async");
        var started = await client.SendAsync(kickOff);
        var status = started.Content.Headers.ContentLocation?.ToString()
            ?? (started.Headers.TryGetValues("Content-Location", out var v) ? v.Single() : throw new InvalidOperationException("kick-off failed: " + started.StatusCode));
        string manifest;
        while (true)
        {
            var poll = await client.GetAsync(status);
            if (poll.StatusCode == HttpStatusCode.OK)
            {
                manifest = await poll.Content.ReadAsStringAsync();
                break;
            }
            if (poll.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"status {poll.StatusCode}: {await poll.Content.ReadAsStringAsync()}");
            }
            Console.WriteLine(FormattableString.Invariant($"  {watch.Elapsed.TotalSeconds,7:F0} s  {string.Join("", poll.Headers.GetValues("X-Progress"))}"));
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        var exported = watch.Elapsed;

        using var json = System.Text.Json.JsonDocument.Parse(manifest);
        var outputs = json.RootElement.GetProperty("output").EnumerateArray().ToList();
        var download = Stopwatch.StartNew();
        long bytes = 0, lines = 0;
        var byType = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var buffer = new byte[1 << 16];
        foreach (var output in outputs)
        {
            using var response = await client.GetAsync(output.GetProperty("url").GetString(), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                bytes += read;
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }
            var type = output.GetProperty("type").GetString()!;
            byType[type] = byType.GetValueOrDefault(type) + output.GetProperty("count").GetInt64();
        }
        var downloaded = download.Elapsed;
        var resources = byType.Values.Sum();
        Console.WriteLine(FormattableString.Invariant($"export (kick-off to manifest): {exported.TotalSeconds:F1} s, {resources:N0} resources in {outputs.Count} files = {resources / exported.TotalSeconds:N0} resources/s"));
        Console.WriteLine(FormattableString.Invariant($"  by type: {string.Join(", ", byType.Select(t => $"{t.Key} {t.Value:N0}"))}"));
        Console.WriteLine(FormattableString.Invariant($"download of every file: {downloaded.TotalSeconds:F1} s, {bytes / 1048576.0:F1} MB, {lines:N0} lines = {bytes / 1048576.0 / downloaded.TotalSeconds:F1} MB/s"));
        Console.WriteLine(FormattableString.Invariant($"export throughput: {bytes / 1048576.0 / exported.TotalSeconds:F1} MB/s of NDJSON written"));
        if (lines != resources)
        {
            throw new InvalidOperationException($"the files hold {lines} lines but the manifest counts {resources}");
        }
    }
}

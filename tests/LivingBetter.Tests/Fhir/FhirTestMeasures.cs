using System.Text.Json;
using LivingBetter.Tests.Sharing;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Features.Fhir;
using LivingBetter.Web.Features.Measures;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Fhir;

/// <summary>
/// Made-up measure definitions for the FHIR tests, loaded as data as an organisation would load its own:
/// the codes, linkIds and option codes mean nothing outside these tests and there is no real wording.
/// One is summed (scored from three of five answers), one averaged with a reversed item (from two of four),
/// one summed through a conversion table (from two of three), so partly answered responses still score.
/// </summary>
public static class FhirTestMeasures
{
    public sealed record Definition(string Code, string[] LinkIds, (string Code, decimal Value)[] Options, string ScoringJson)
    {
        public string QuestionnaireJson => JsonSerializer.Serialize(new
        {
            resourceType = "Questionnaire",
            title = $"Test measure {Code}",
            item = LinkIds.Select((linkId, i) => new
            {
                linkId,
                text = $"Test question {i + 1}",
                type = "choice",
                answerOption = Options.Select(o => new
                {
                    valueCoding = new { code = o.Code, display = $"Test option {o.Code}" },
                    extension = new[] { new { url = "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal = o.Value } },
                }),
            }),
        });

        public MeasureDefinition ToEntity(Guid organisationId, DateTimeOffset at) => new()
        {
            Id = Guid.NewGuid(),
            OrganisationId = organisationId,
            Code = Code,
            Title = $"Test measure {Code}",
            DefinitionJson = QuestionnaireJson,
            ScoringJson = ScoringJson,
            Enabled = true,
            LicenceNote = "Made up for tests",
            CreatedAt = at,
        };

    }

    public static readonly IReadOnlyList<Definition> All =
    [
        new("T-SUM5", ["s1", "s2", "s3", "s4", "s5"], [("n", 0m), ("l", 1m), ("m", 2m), ("h", 3m)],
            JsonSerializer.Serialize(new { method = "sum", items = new[] { "s1", "s2", "s3", "s4", "s5" }, minimumAnswered = 3 })),
        new("T-MEAN4", ["m.a", "m.b", "m.c", "m.d"], [("opt-1", 1m), ("opt-2", 2m), ("opt-3", 3m), ("opt-4", 4m), ("opt-5", 5m)],
            JsonSerializer.Serialize(new { method = "mean", items = new[] { "m.a", "m.b", "m.c", "m.d" }, reversed = new[] { new { linkId = "m.b", min = 1, max = 5 } }, minimumAnswered = 2 })),
        new("T-CONV3", ["c1", "c2", "c3"], [("A", 1m), ("B", 2m), ("C", 3m)],
            JsonSerializer.Serialize(new { method = "sum", items = new[] { "c1", "c2", "c3" }, minimumAnswered = 2, conversion = Enumerable.Range(3, 7).Select(raw => new { raw, metric = Math.Round(raw * 10m / 3m, 2) }), reliableChange = 2 })),
    ];

    /// <summary>Each definition as the app loads it (questionnaire and scoring parsed), by code.</summary>
    public static readonly IReadOnlyDictionary<string, LoadedMeasure> Loaded =
        All.ToDictionary(d => d.Code, d => MeasureService.Load(d.ToEntity(Guid.Empty, DateTimeOffset.UnixEpoch)) ?? throw new InvalidOperationException($"{d.Code} does not load"));

    /// <summary>A person supported by a team of an organisation with every test measure switched on.</summary>
    public static async Task<(Actor Person, Guid OrganisationId, Guid TeamId)> PersonWithMeasuresAsync(LivingBetterApp app, string name)
    {
        var (orgId, teamId) = await app.CreateOrganisationAsync();
        await app.WithDbAsync(async db =>
        {
            db.AddRange(All.Select(d => d.ToEntity(orgId, app.Time.GetUtcNow())));
            await db.SaveChangesAsync();
        });
        var person = await app.CreatePersonAsync(name);
        await app.AddCareEpisodeAsync(person.PersonId!.Value, teamId);
        return (person, orgId, teamId);
    }

    /// <summary>A completed response as the measures page saves it: the options chosen and the scores our scoring gives them.</summary>
    public static FhirMeasureResponse Completed(Guid id, string code, DateTimeOffset at, IReadOnlyList<(string LinkId, string Option)> chosen)
    {
        var loaded = Loaded[code];
        var answers = chosen.Select(c => new FhirMeasureAnswer(c.LinkId, c.Option, loaded.Questionnaire.Find(c.LinkId)!.Options.Single(o => o.Code == c.Option).Value)).ToList();
        var (result, _, problems) = MeasureService.Check(loaded, answers.ToDictionary(a => a.LinkId, a => (string?)a.Code));
        if (result is null)
        {
            throw new InvalidOperationException(string.Join("; ", problems.Select(p => p.Message)));
        }
        return new FhirMeasureResponse(id, code, at, answers, result.Raw, result.Metric);
    }
}

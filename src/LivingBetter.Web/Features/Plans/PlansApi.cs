using System.Text.Json;
using LivingBetter.Web.Auth;
using LivingBetter.Web.Features.CheckIns;
using LivingBetter.Web.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LivingBetter.Web.Features.Plans;

public sealed record SectionDto(string Key, string Title, string State, int Version, JsonElement Content, DateTimeOffset? UpdatedAt);

public sealed record PlanDto(Guid PersonId, string Kind, string Title, IReadOnlyList<SectionDto> Sections);

public sealed record SaveSectionRequest(int BaseVersion, JsonElement Content, bool Done);

/// <summary>PDFs for the person, and a small JSON API over plans. Writing is for the owner alone, checked here on the server.</summary>
public static class PlansApi
{
    public static WebApplication MapPlansApi(this WebApplication app)
    {
        app.MapGet("/plans/{kind}/pdf", WholePlanPdfAsync).ExcludeFromDescription();
        app.MapGet("/plans/crisis-card.pdf", CrisisCardAsync).ExcludeFromDescription();

        var api = app.MapGroup("/api/people/{personId:guid}/plans").WithTags("Plans");
        api.MapGet("/{kind}", GetPlanAsync)
            .WithName("GetPlan").WithSummary("A person's plan, section by section, for the person or someone they share it with.");
        api.MapPut("/{kind}/sections/{key}", SaveSectionAsync)
            .WithName("SaveSection").WithSummary("Saves a new version of a section. Only the person may do this; a stale baseVersion answers 409.");
        return app;
    }

    private static SharedPart PartOf(PlanKind kind) => kind == PlanKind.StayingWell ? SharedPart.StayingWellPlan : SharedPart.WellbeingPlan;

    private static async Task<Results<FileContentHttpResult, NotFound>> WholePlanPdfAsync(string kind, PersonAccess access, PlanStore store,
        PlanPdf pdf, CheckInService checkIns, TimeProvider time, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k || await access.OwnerAsync(PartOf(k), "plans.pdf", ct) is not { } me)
        {
            return TypedResults.NotFound();
        }
        var bytes = await WholePlanAsync(store, pdf, checkIns, me, k, time.GetUtcNow(), ct);
        return TypedResults.File(bytes, "application/pdf", $"{kind}-plan.pdf");
    }

    /// <summary>The whole plan as a PDF, as the person downloads it (also part of "download my data").</summary>
    public static async Task<byte[]> WholePlanAsync(PlanStore store, PlanPdf pdf, CheckInService checkIns, Person me, PlanKind kind, DateTimeOffset now,
        CancellationToken ct)
    {
        var goals = await store.GoalsAsync(me.Id, ct);
        var sections = (await store.LoadAsync(me.Id, kind, ct))
            .Select(s => new PdfSection(s.Def.Title, SectionContent.Describe(s.Def, s.Content, goals))).ToList();
        var title = await store.TitleAsync(me.Id, kind, ct);
        // The wellbeing plan carries the wheel: the person's own check-ins, the same pictures as the progress page.
        var pictures = kind == PlanKind.Wellbeing
            ? WheelPdf.Pages(ProgressPictures.Build(await checkIns.SettingsForAsync(me.Id, ct), await checkIns.HistoryAsync(me.Id, ct), "you"))
            : [];
        return pdf.WholePlan(title, me.PreferredName, sections, now, pictures);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> CrisisCardAsync(PersonAccess access, PlanStore store, PlanPdf pdf,
        TimeProvider time, string? size, CancellationToken ct)
    {
        if (await access.OwnerAsync(SharedPart.CrisisPlan, "plans.crisis-card", ct) is not { } me)
        {
            return TypedResults.NotFound();
        }
        var crisis = (CrisisContent)(await store.LoadSectionAsync(me.Id, PlanStructure.Find(PlanKind.StayingWell, PlanStructure.Crisis)!, ct)).Content;
        var folded = string.Equals(size, "a4", StringComparison.OrdinalIgnoreCase);
        return TypedResults.File(pdf.CrisisCard(me.PreferredName, crisis, time.GetUtcNow(), folded ? PlanPdf.CardSize.FoldedA4 : PlanPdf.CardSize.A6),
            "application/pdf", folded ? "crisis-card-a4.pdf" : "crisis-card.pdf");
    }

    private static async Task<Results<Ok<PlanDto>, NotFound>> GetPlanAsync(Guid personId, string kind, PersonAccess access, PlanStore store, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k)
        {
            return TypedResults.NotFound();
        }
        var grant = await access.RequireAsync(personId, PartOf(k), AccessLevel.View, "api.plans.read", ct);
        // Someone shown only the crisis plan still sees that one section of the staying-well plan.
        var crisisOnly = grant is null && k == PlanKind.StayingWell
            && await access.RequireAsync(personId, SharedPart.CrisisPlan, AccessLevel.View, "api.plans.read", ct) is not null;
        if (grant is null && !crisisOnly)
        {
            return TypedResults.NotFound();
        }
        var sections = (await store.LoadAsync(personId, k, ct))
            .Where(s => !crisisOnly || s.Def.Key == PlanStructure.Crisis)
            .Select(ToDto).ToList();
        return TypedResults.Ok(new PlanDto(personId, kind, await store.TitleAsync(personId, k, ct), sections));
    }

    private static SectionDto ToDto(SectionSnapshot s) =>
        new(s.Def.Key, s.Def.Title, s.State.ToString(), s.Version,
            JsonSerializer.SerializeToElement(s.Content, s.Def.ContentType, SectionContent.Json), s.UpdatedAt);

    private static async Task<Results<Ok<SectionDto>, NotFound, ProblemHttpResult, ValidationProblem>> SaveSectionAsync(
        Guid personId, string kind, string key, SaveSectionRequest request, PersonAccess access, PlanStore store, CurrentUser user, CancellationToken ct)
    {
        if (PlanStructure.KindFromSlug(kind) is not { } k || PlanStructure.Find(k, key) is not { } def)
        {
            return TypedResults.NotFound();
        }
        // Staff and supporters, whatever their access, never get past this line: only the owner writes.
        if (await access.RequireAsync(personId, def.Part, AccessLevel.Owner, "api.plans.save", ct) is null)
        {
            return TypedResults.NotFound();
        }
        object? content;
        try
        {
            content = request.Content.ValueKind == JsonValueKind.Object ? request.Content.Deserialize(def.ContentType, SectionContent.Json) : null;
        }
        catch (JsonException)
        {
            content = null;
        }
        if (content is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["content"] = ["Content must be a JSON object in this section's shape"] });
        }
        var (errors, normalised) = Validate(def, content);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        content = normalised;
        var state = request.Done ? SectionState.Done : SectionContent.IsEmpty(def, content) ? SectionState.NotStarted : SectionState.Started;
        var result = await store.SaveAsync(personId, def, content, request.BaseVersion, state, user.RequiredId, null, "Saved", ct);
        if (!result.Saved)
        {
            return TypedResults.Problem(
                title: "This section changed since your version",
                detail: $"The section is now at version {result.Current.Version}. Fetch it, merge, and save again with that baseVersion.",
                statusCode: StatusCodes.Status409Conflict);
        }
        return TypedResults.Ok(ToDto(result.Current));
    }

    /// <summary>The same limits the pages apply, checked on the object the API received.</summary>
    private static (Dictionary<string, string[]> Errors, object Normalised) Validate(SectionDef def, object content)
    {
        var state = new ModelStateDictionary();
        foreach (var field in def.EditableFields.Where(f => f.Kind == FieldKind.Rows))
        {
            if (field.Property.GetValue(content) is System.Collections.IList rows && rows.Count > field.Meta.MaxItems)
            {
                state.AddModelError(SectionContent.Name(field), $"{field.Label} can have up to {field.Meta.MaxItems} entries");
            }
        }
        var form = new FormCollection(FormFrom(def, content));
        var normalised = SectionContent.Read(def, form, content, state);
        return (state.Where(e => e.Value?.Errors.Count > 0)
            .ToDictionary(e => e.Key, e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray()), normalised);
    }

    /// <summary>Flattens content into form fields so one validator serves both the pages and the API.</summary>
    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> FormFrom(SectionDef def, object content)
    {
        var form = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>();
        foreach (var field in def.EditableFields)
        {
            var value = field.Property.GetValue(content);
            if (field.Kind == FieldKind.Rows && value is System.Collections.IList rows)
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    foreach (var sub in field.RowFields)
                    {
                        form[SectionContent.RowName(field, i, sub)] = SectionContent.ValueFor(sub, rows[i]);
                    }
                }
            }
            else if (field.Kind == FieldKind.ToolboxPick && value is List<string> picks)
            {
                form[SectionContent.Name(field)] = picks.ToArray();
            }
            else
            {
                form[SectionContent.Name(field)] = SectionContent.ValueFor(field, content);
            }
        }
        return form;
    }
}

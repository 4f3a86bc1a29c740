using System.Globalization;
using Hl7.Fhir.Model;
using LivingBetter.Web.Features.Plans;
using LivingBetter.Web.Model;
using Goal = Hl7.Fhir.Model.Goal;
using PlanGoal = LivingBetter.Web.Features.Plans.Goal;

namespace LivingBetter.Web.Features.Fhir;

/// <summary>
/// Turns a <see cref="FhirPersonRecord"/> into FHIR R4 resources. Pure functions: no database, no clock.
/// The URLs of our extensions and code systems are listed in docs/fhir.md.
/// </summary>
public static class FhirMapper
{
    public const string Base = "https://livingbetter.invalid/fhir";
    public const string Ext = Base + "/StructureDefinition/";
    public const string Cs = Base + "/CodeSystem/";

    public const string PlanKindSystem = Cs + "plan-kind";
    public const string SectionSystem = Cs + "plan-section";
    public const string DomainSystem = Cs + "wellbeing-domain";
    public const string SharedPartSystem = Cs + "shared-part";
    public const string AuditActionSystem = Cs + "audit-action";
    public const string UserIdSystem = Base + "/NamingSystem/user-id";
    public const string TeamIdSystem = Base + "/NamingSystem/team-id";
    public const string WheelQuestionnaire = Base + "/Questionnaire/wellbeing-wheel";
    public const string MeasureQuestionnairePrefix = Base + "/Questionnaire/measure-";
    public const string MeasureAnswerSystem = Cs + "measure-answer";
    public const string MeasureScoreSystem = Cs + "measure-score";
    public const string ExtMeasureAnswerValue = Ext + "measure-answer-value";
    public const string OrdinalValueExtension = "http://hl7.org/fhir/StructureDefinition/ordinalValue";

    public const string ExtSectionContent = Ext + "plan-section-content";
    public const string ExtSectionVersion = Ext + "plan-section-version";
    public const string ExtSectionUpdated = Ext + "plan-section-updated";
    public const string ExtSectionHistory = Ext + "plan-section-history";
    public const string ExtCheckInNote = Ext + "check-in-note";
    public const string ExtScaleMin = Ext + "rating-scale-min";
    public const string ExtScaleMax = Ext + "rating-scale-max";
    public const string ExtWantsHelp = Ext + "wants-help";
    public const string ExtRatingNote = Ext + "rating-note";
    public const string ExtWorkerRating = Ext + "worker-rating";
    public const string ExtRatingId = Ext + "rating-id";
    public const string ExtWithdrawn = Ext + "consent-withdrawn";
    public const string ExtGender = Ext + "gender-in-own-words";
    public const string ExtStepStatus = Ext + "goal-step-status";
    public const string ExtStepWhoHelps = Ext + "goal-step-who-helps";

    public const string AchievementSystem = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    public const string ConsentScopeSystem = "http://terminology.hl7.org/CodeSystem/consentscope";
    public const string ConsentActionSystem = "http://terminology.hl7.org/CodeSystem/consentaction";
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string ObservationCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    public static string PlanKindCode(PlanKind kind) => kind == PlanKind.StayingWell ? PlanStructure.StayingWellSlug : PlanStructure.WellbeingSlug;

    public static string SharedPartCode(SharedPart part) => part switch
    {
        SharedPart.CrisisPlan => "crisis-plan",
        SharedPart.StayingWellPlan => "staying-well-plan",
        SharedPart.WellbeingPlan => "wellbeing-plan",
        _ => "check-ins",
    };

    public static SharedPart? SharedPartFrom(string? code) => code switch
    {
        "crisis-plan" => SharedPart.CrisisPlan,
        "staying-well-plan" => SharedPart.StayingWellPlan,
        "wellbeing-plan" => SharedPart.WellbeingPlan,
        "check-ins" => SharedPart.CheckIns,
        _ => null,
    };

    public static CarePlan.CarePlanActivityStatus ActivityStatus(SectionState state) => state switch
    {
        SectionState.Done => CarePlan.CarePlanActivityStatus.Completed,
        SectionState.Started => CarePlan.CarePlanActivityStatus.InProgress,
        _ => CarePlan.CarePlanActivityStatus.NotStarted,
    };

    public static SectionState? SectionStateFrom(CarePlan.CarePlanActivityStatus? status) => status switch
    {
        CarePlan.CarePlanActivityStatus.Completed => SectionState.Done,
        CarePlan.CarePlanActivityStatus.InProgress => SectionState.Started,
        CarePlan.CarePlanActivityStatus.NotStarted => SectionState.NotStarted,
        _ => null,
    };

    /// <summary>FHIR dateTime text for an instant, in UTC with the milliseconds we keep.</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture).Replace("+00:00", "Z", StringComparison.Ordinal);

    public static DateTimeOffset? ParseWhen(string? value) =>
        value is { Length: > 10 } && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at : null;

    /// <summary>FHIR has no empty strings: an empty value is left out.</summary>
    public static string? Nz(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static string PatientRef(Guid id) => $"Patient/{id}";

    public static string PractitionerRef(Guid id) => $"Practitioner/{id}";

    /// <summary>The whole record as a collection bundle.</summary>
    public static Bundle ToBundle(FhirPersonRecord record, string baseUrl, DateTimeOffset generatedAt)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Collection,
            TimestampElement = new Instant(generatedAt.ToUniversalTime()),
        };
        foreach (var resource in Resources(record))
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{baseUrl.TrimEnd('/')}/{resource.TypeName}/{resource.Id}", Resource = resource });
        }
        return bundle;
    }

    /// <summary>Every resource of the record, Patient first.</summary>
    public static IEnumerable<Resource> Resources(FhirPersonRecord record)
    {
        yield return ToPatient(record);
        foreach (var p in record.Practitioners)
        {
            yield return ToPractitioner(p);
        }
        foreach (var t in record.CareTeams)
        {
            yield return ToCareTeam(record, t);
        }
        foreach (var s in record.Supporters)
        {
            yield return ToRelatedPerson(record, s);
        }
        if (record.Domains.Count > 0 || record.CheckIns.Count > 0)
        {
            yield return ToQuestionnaire(record);
        }
        foreach (var mq in record.MeasureQuestionnaires)
        {
            yield return ToQuestionnaire(mq);
        }
        foreach (var plan in record.Plans)
        {
            yield return ToCarePlan(record, plan);
            foreach (var goal in GoalsOf(plan))
            {
                yield return ToGoal(record, goal);
            }
        }
        foreach (var c in record.CheckIns)
        {
            yield return ToQuestionnaireResponse(record.PersonId, c);
            foreach (var o in ToObservations(record.PersonId, c))
            {
                yield return o;
            }
        }
        foreach (var m in record.Measures)
        {
            yield return ToQuestionnaireResponse(record.PersonId, m);
            foreach (var o in ToObservations(record.PersonId, m))
            {
                yield return o;
            }
        }
        foreach (var c in record.Consents)
        {
            yield return ToConsent(record.PersonId, c);
        }
        foreach (var a in record.AccessLog)
        {
            yield return ToAuditEvent(record.PersonId, a);
        }
    }

    public static Patient ToPatient(FhirPersonRecord record)
    {
        var patient = new Patient
        {
            Id = record.PersonId.ToString(),
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Usual, Text = Nz(record.PreferredName) }],
        };
        if (record.BirthYear is { } year)
        {
            patient.BirthDate = year.ToString("0000", CultureInfo.InvariantCulture);
        }
        if (!string.IsNullOrEmpty(record.Gender))
        {
            patient.SetExtension(ExtGender, new FhirString(record.Gender));
        }
        return patient;
    }

    public static Practitioner ToPractitioner(FhirPractitioner p) => new()
    {
        Id = p.UserId.ToString(),
        Identifier = [new Identifier(UserIdSystem, p.UserId.ToString())],
        Name = [new HumanName { Text = Nz(p.Name) }],
    };

    public static CareTeam ToCareTeam(FhirPersonRecord record, FhirCareTeam t)
    {
        var team = new CareTeam
        {
            Id = t.TeamId.ToString(),
            Identifier = [new Identifier(TeamIdSystem, t.TeamId.ToString())],
            Status = t.EndedAt is null ? CareTeam.CareTeamStatus.Active : CareTeam.CareTeamStatus.Inactive,
            Name = Nz(t.Name),
        };
        if (t.SupportsPerson)
        {
            team.Subject = new ResourceReference(PatientRef(record.PersonId));
            team.Period = new Period { Start = t.StartedAt is { } s ? When(s) : null, End = t.EndedAt is { } e ? When(e) : null };
        }
        if (t.CoordinatorUserId is { } c)
        {
            team.Participant.Add(new CareTeam.ParticipantComponent
            {
                Role = [new CodeableConcept { Text = "Care co-ordinator" }],
                Member = new ResourceReference(PractitionerRef(c)),
            });
        }
        return team;
    }

    public static RelatedPerson ToRelatedPerson(FhirPersonRecord record, FhirSupporter s) => new()
    {
        Id = s.Id.ToString(),
        Identifier = [new Identifier(UserIdSystem, s.UserId.ToString())],
        Active = s.EndedAt is null,
        Patient = new ResourceReference(PatientRef(record.PersonId)),
        Relationship = [new CodeableConcept { Text = Nz(s.Relationship) ?? "Supporter" }],
        Name = [new HumanName { Text = Nz(s.Name) }],
        Period = new Period { Start = When(s.CreatedAt), End = s.EndedAt is { } e ? When(e) : null },
    };

    public static Questionnaire ToQuestionnaire(FhirPersonRecord record) => ToWheelQuestionnaire(record.Domains.Count > 0
        ? record.Domains
        : record.CheckIns.SelectMany(c => c.Ratings).GroupBy(r => r.DomainKey).Select(g => new FhirDomain(g.Key, g.First().DomainName, "")).ToList());

    /// <summary>The wellbeing wheel as a Questionnaire: one integer item per life domain, its linkId the domain's key.</summary>
    public static Questionnaire ToWheelQuestionnaire(IEnumerable<FhirDomain> domains)
    {
        var q = new Questionnaire
        {
            Id = "wellbeing-wheel",
            Url = WheelQuestionnaire,
            Name = "WellbeingWheel",
            Title = "Wellbeing wheel check-in",
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
        };
        foreach (var d in domains)
        {
            q.Item.Add(new Questionnaire.ItemComponent
            {
                LinkId = d.Key,
                Text = Nz(d.Name),
                Type = Questionnaire.QuestionnaireItemType.Integer,
                Code = [new Coding(DomainSystem, d.Key, Nz(d.Name))],
            });
        }
        return q;
    }

    public static IEnumerable<PlanGoal> GoalsOf(FhirPlan plan)
    {
        if (plan.Kind != PlanKind.Wellbeing)
        {
            return [];
        }
        var goals = plan.Sections.FirstOrDefault(s => s.Key == PlanStructure.Goals);
        return goals is null ? [] : SectionContent.Parse<GoalsContent>(goals.ContentJson).Items.Where(g => g.Id != Guid.Empty);
    }

    public static CarePlan ToCarePlan(FhirPersonRecord record, FhirPlan plan)
    {
        var patient = PatientRef(record.PersonId);
        var carePlan = new CarePlan
        {
            Id = plan.Id.ToString(),
            Meta = new Meta { LastUpdated = plan.UpdatedAt.ToUniversalTime(), VersionId = VersionCount(plan).ToString(CultureInfo.InvariantCulture) },
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Title = Nz(plan.Title),
            Category = [new CodeableConcept(PlanKindSystem, PlanKindCode(plan.Kind), Nz(plan.Title))],
            Subject = new ResourceReference(patient),
            Created = When(plan.CreatedAt),
            Author = new ResourceReference(patient),
            Contributor = [new ResourceReference(patient)],
        };
        foreach (var t in record.CareTeams.Where(t => t.SupportsPerson && t.EndedAt is null && t.CoordinatorUserId is not null))
        {
            carePlan.Contributor.Add(new ResourceReference(PractitionerRef(t.CoordinatorUserId!.Value)));
        }
        foreach (var s in record.Supporters.Where(s => s.EndedAt is null))
        {
            carePlan.Contributor.Add(new ResourceReference($"RelatedPerson/{s.Id}"));
        }
        carePlan.CareTeam = record.CareTeams.Where(t => t.SupportsPerson && t.EndedAt is null).Select(t => new ResourceReference($"CareTeam/{t.TeamId}")).ToList();
        foreach (var section in plan.Sections)
        {
            var def = PlanStructure.Find(plan.Kind, section.Key);
            var activity = new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.Task,
                    Code = new CodeableConcept(SectionSystem, section.Key, def?.Title ?? section.Key),
                    Status = ActivityStatus(section.State),
                    Description = def?.Title ?? section.Key,
                },
            };
            activity.SetExtension(ExtSectionContent, new FhirString(section.ContentJson));
            activity.SetExtension(ExtSectionVersion, new Integer(section.Version));
            activity.SetExtension(ExtSectionUpdated, new FhirDateTime(When(section.UpdatedAt)));
            foreach (var earlier in section.History)
            {
                var history = new Extension { Url = ExtSectionHistory };
                history.Extension.Add(new Extension("version", new Integer(earlier.Number)));
                history.Extension.Add(new Extension("content", new FhirString(earlier.ContentJson)));
                history.Extension.Add(new Extension("saved", new FhirDateTime(When(earlier.SavedAt))));
                if (Nz(earlier.Reason) is { } reason)
                {
                    history.Extension.Add(new Extension("reason", new FhirString(reason)));
                }
                activity.Extension.Add(history);
            }
            carePlan.Activity.Add(activity);
        }
        foreach (var goal in GoalsOf(plan))
        {
            carePlan.Goal.Add(new ResourceReference($"Goal/{goal.Id}"));
        }
        return carePlan;
    }

    /// <summary>
    /// How many versions the plan has as the reader sees it: one per save of each section they may see
    /// (earlier versions plus the current one). A reader who sees fewer sections sees fewer versions, so the
    /// numbering never reveals that a hidden section changed.
    /// </summary>
    public static int VersionCount(FhirPlan plan) => plan.Sections.Sum(s => s.History.Count + 1);

    /// <summary>One version of a CarePlan (FHIR vread): its number, when it was made and the plan as it was then.</summary>
    public sealed record CarePlanVersion(int VersionId, DateTimeOffset At, CarePlan Resource);

    /// <summary>
    /// The CarePlan's versions, oldest first. Every save of a visible section makes a version: the plan
    /// with each visible section at its latest save up to then. Sections show their current progress only in
    /// the newest version (progress is not kept per version); earlier versions show in-progress.
    /// </summary>
    public static IReadOnlyList<CarePlanVersion> CarePlanHistory(FhirPersonRecord record, FhirPlan plan)
    {
        var order = PlanStructure.For(plan.Kind).Select((d, i) => (d.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var saves = plan.Sections
            .SelectMany(s => s.History.Select(h => (Section: s, h.Number, h.ContentJson, At: h.SavedAt, Current: false))
                .Append((Section: s, Number: s.Version, s.ContentJson, At: s.UpdatedAt, Current: true)))
            .OrderBy(x => x.At).ThenBy(x => x.Current).ThenBy(x => order.GetValueOrDefault(x.Section.Key)).ThenBy(x => x.Number)
            .ToList();
        var state = new Dictionary<string, FhirSection>();
        var versions = new List<CarePlanVersion>(saves.Count);
        foreach (var save in saves)
        {
            state[save.Section.Key] = new FhirSection(save.Section.Key, save.Current ? save.Section.State : SectionState.Started, save.Number, save.ContentJson, save.At);
            var sections = state.Values.OrderBy(s => order.GetValueOrDefault(s.Key)).ToList();
            var at = save.At > plan.CreatedAt ? save.At : plan.CreatedAt;
            var resource = ToCarePlan(record, plan with { Sections = sections, UpdatedAt = at });
            resource.Meta!.VersionId = (versions.Count + 1).ToString(CultureInfo.InvariantCulture);
            versions.Add(new CarePlanVersion(versions.Count + 1, at, resource));
        }
        return versions;
    }

    /// <summary>A history bundle (newest first), as <c>GET [type]/[id]/_history</c> answers.</summary>
    public static Bundle ToHistoryBundle(IReadOnlyList<CarePlanVersion> versions, string baseUrl, DateTimeOffset generatedAt)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.History,
            Total = versions.Count,
            TimestampElement = new Instant(generatedAt.ToUniversalTime()),
        };
        foreach (var v in versions.OrderByDescending(v => v.VersionId))
        {
            var first = v.VersionId == 1;
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl.TrimEnd('/')}/CarePlan/{v.Resource.Id}",
                Resource = v.Resource,
                Request = new Bundle.RequestComponent { Method = first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT, Url = first ? "CarePlan" : $"CarePlan/{v.Resource.Id}" },
                Response = new Bundle.ResponseComponent
                {
                    Status = first ? "201 Created" : "200 OK",
                    Etag = $"W/\"{v.VersionId.ToString(CultureInfo.InvariantCulture)}\"",
                    LastModified = v.At.ToUniversalTime(),
                },
            });
        }
        return bundle;
    }

    public static Goal ToGoal(FhirPersonRecord record, PlanGoal goal)
    {
        var achieved = goal.AchievedOn is not null;
        var resource = new Goal
        {
            Id = goal.Id.ToString(),
            LifecycleStatus = achieved ? Goal.GoalLifecycleStatus.Completed : Goal.GoalLifecycleStatus.Active,
            AchievementStatus = achieved
                ? new CodeableConcept(AchievementSystem, "achieved", "Achieved")
                : new CodeableConcept(AchievementSystem, "in-progress", "In Progress"),
            Description = new CodeableConcept { Text = Nz(goal.Words) ?? "A goal without words yet" },
            Subject = new ResourceReference(PatientRef(record.PersonId)),
            ExpressedBy = new ResourceReference(PatientRef(record.PersonId)),
        };
        if (goal.DomainKey is { Length: > 0 } domain && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            resource.Category.Add(new CodeableConcept(DomainSystem, domain));
        }
        if (achieved)
        {
            resource.StatusDate = goal.AchievedOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        if (goal.WhyItMatters.Length > 0)
        {
            resource.Note.Add(new Annotation { Text = new Markdown("Why it matters: " + goal.WhyItMatters) });
        }
        if (goal.Celebration.Length > 0)
        {
            resource.Note.Add(new Annotation { Text = new Markdown("Celebration: " + goal.Celebration) });
        }
        foreach (var step in goal.Steps)
        {
            var target = new Goal.TargetComponent
            {
                Detail = Nz(step.Text) is { } stepText ? new FhirString(stepText) : null,
                Due = step.By is { } by ? new Date(by.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            };
            target.SetExtension(ExtStepStatus, new Code(step.Status.ToString()));
            if (step.WhoHelps.Length > 0)
            {
                target.SetExtension(ExtStepWhoHelps, new FhirString(step.WhoHelps));
            }
            resource.Target.Add(target);
        }
        return resource;
    }

    /// <summary>
    /// A completed outcome measure: the Questionnaire is named by a canonical built from the measure's code;
    /// each answer is the chosen option's code (<c>valueCoding</c>) with the option's value as an extension.
    /// No question or option wording leaves (it may be licensed).
    /// </summary>
    public static QuestionnaireResponse ToQuestionnaireResponse(Guid personId, FhirMeasureResponse m)
    {
        var qr = new QuestionnaireResponse
        {
            Id = m.Id.ToString(),
            Questionnaire = MeasureQuestionnairePrefix + m.MeasureCode,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference(PatientRef(personId)),
            Authored = When(m.At),
            Author = new ResourceReference(PatientRef(personId)),
            Source = new ResourceReference(PatientRef(personId)),
        };
        foreach (var a in m.Answers)
        {
            var answer = new QuestionnaireResponse.AnswerComponent { Value = new Coding(MeasureAnswerSystem, a.Code) };
            answer.SetExtension(ExtMeasureAnswerValue, new FhirDecimal(a.Value));
            qr.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = a.LinkId, Answer = [answer] });
        }
        return qr;
    }

    /// <summary>
    /// A measure's definition as a Questionnaire: per question its linkId, whether it is required, and each
    /// option's code with its value (the standard ordinalValue extension). No title, question or option
    /// wording and no licence text: the wording may be licensed to the organisation only.
    /// </summary>
    public static Questionnaire ToQuestionnaire(FhirMeasureQuestionnaire m)
    {
        var q = new Questionnaire
        {
            Id = "measure-" + m.Code,
            Url = MeasureQuestionnairePrefix + m.Code,
            Name = "Measure_" + m.Code.Replace('-', '_'),
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = new Markdown("An outcome measure as codes and values only. The wording of its questions and answers is held by the organisation under its licence and is not shared here."),
        };
        foreach (var question in m.Questions)
        {
            var item = new Questionnaire.ItemComponent
            {
                LinkId = question.LinkId,
                Type = Questionnaire.QuestionnaireItemType.Choice,
                Required = question.Required,
            };
            foreach (var option in question.Options)
            {
                var answer = new Questionnaire.AnswerOptionComponent { Value = new Coding(MeasureAnswerSystem, option.Code) };
                answer.SetExtension(OrdinalValueExtension, new FhirDecimal(option.Value));
                item.AnswerOption.Add(answer);
            }
            q.Item.Add(item);
        }
        return q;
    }

    /// <summary>
    /// A subscale key as it appears in ids and codes (<c>{response id}-sub-{token}</c>, at most 64 characters):
    /// letters, digits and hyphens up to 23 characters as they are; any other key as "." and the first 22 hex
    /// digits of its SHA-256, so every id stays a valid FHIR id and a kept key never looks like an encoded one.
    /// </summary>
    public static string SubscaleToken(string key)
    {
        if (key.Length is > 0 and <= 23 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return key;
        }
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        return "." + Convert.ToHexStringLower(hash)[..22];
    }

    /// <summary>The completed measure a score Observation's id (<c>{id}-raw</c>, <c>-metric</c>, <c>-sub-…</c>) belongs to, or null.</summary>
    public static Guid? MeasureResponseIdOf(string observationId)
    {
        if (observationId.Length <= 36 || !Guid.TryParseExact(observationId[..36], "D", out var id))
        {
            return null;
        }
        var kind = observationId[36..];
        return kind is "-raw" or "-metric" || (kind.Length > 5 && kind.StartsWith("-sub-", StringComparison.Ordinal)) ? id : null;
    }

    /// <summary>The scores of a completed measure, derived from its QuestionnaireResponse (read-only: import re-scores).</summary>
    public static IEnumerable<Observation> ToObservations(Guid personId, FhirMeasureResponse m)
    {
        var scores = new[] { ("raw", m.RawScore), ("metric", m.MetricScore) }
            .Concat(m.Subscales.Select(s => ("sub-" + SubscaleToken(s.Key), (decimal?)s.Score)));
        foreach (var (kind, score) in scores)
        {
            if (score is not { } value)
            {
                continue;
            }
            yield return new Observation
            {
                Id = $"{m.Id}-{kind}",
                Status = ObservationStatus.Final,
                Category = [new CodeableConcept(ObservationCategorySystem, "survey")],
                Code = new CodeableConcept { Coding = [new Coding(MeasureScoreSystem, $"{m.MeasureCode}-{kind}")] },
                Subject = new ResourceReference(PatientRef(personId)),
                Effective = new FhirDateTime(When(m.At)),
                Value = new Quantity { Value = value },
                DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{m.Id}")],
            };
        }
    }

    public static QuestionnaireResponse ToQuestionnaireResponse(Guid personId, FhirCheckIn c)
    {
        var qr = new QuestionnaireResponse
        {
            Id = c.Id.ToString(),
            Questionnaire = WheelQuestionnaire,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference(PatientRef(personId)),
            Authored = When(c.At),
            Author = new ResourceReference(PatientRef(personId)),
            Source = new ResourceReference(PatientRef(personId)),
        };
        qr.SetExtension(ExtScaleMin, new Integer(c.ScaleMin));
        qr.SetExtension(ExtScaleMax, new Integer(c.ScaleMax));
        if (c.Note.Length > 0)
        {
            qr.SetExtension(ExtCheckInNote, new FhirString(c.Note));
        }
        foreach (var r in c.Ratings)
        {
            var item = new QuestionnaireResponse.ItemComponent { LinkId = r.DomainKey, Text = Nz(r.DomainName) };
            if (r.Rating is { } value)
            {
                item.Answer.Add(new QuestionnaireResponse.AnswerComponent { Value = new Integer(value) });
            }
            item.SetExtension(ExtRatingId, new Id(r.Id.ToString()));
            if (r.WantsHelp)
            {
                item.SetExtension(ExtWantsHelp, new FhirBoolean(true));
            }
            if (r.Note.Length > 0)
            {
                item.SetExtension(ExtRatingNote, new FhirString(r.Note));
            }
            if (r.WorkerRating is { } w)
            {
                item.SetExtension(ExtWorkerRating, new Integer(w));
            }
            qr.Item.Add(item);
        }
        return qr;
    }

    /// <summary>One Observation per rated domain, derived from the check-in's QuestionnaireResponse.</summary>
    public static IEnumerable<Observation> ToObservations(Guid personId, FhirCheckIn c) =>
        c.Ratings.Where(r => r.Rating is not null).Select(r => new Observation
        {
            Id = r.Id.ToString(),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCategorySystem, "survey", "Survey")],
            Code = new CodeableConcept(DomainSystem, r.DomainKey, Nz(r.DomainName)),
            Subject = new ResourceReference(PatientRef(personId)),
            Effective = new FhirDateTime(When(c.At)),
            Value = new Integer(r.Rating!.Value),
            DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{c.Id}")],
            ReferenceRange = [new Observation.ReferenceRangeComponent
            {
                Low = new Quantity(c.ScaleMin, "{score}"),
                High = new Quantity(c.ScaleMax, "{score}"),
            }],
        });

    public static Consent ToConsent(Guid personId, FhirConsent c)
    {
        var consent = new Consent
        {
            Id = c.Id.ToString(),
            Status = c.WithdrawnAt is null ? Consent.ConsentState.Active : Consent.ConsentState.Inactive,
            Scope = new CodeableConcept(ConsentScopeSystem, "patient-privacy", "Privacy Consent"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
            Patient = new ResourceReference(PatientRef(personId)),
            DateTime = When(c.CreatedAt),
            Performer = [new ResourceReference(PatientRef(personId))],
            PolicyRule = new CodeableConcept(ActCodeSystem, "OPTIN", "opt-in"),
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Period = new Period { Start = When(c.CreatedAt), End = c.ExpiresAt is { } e ? When(e) : null },
                Actor =
                [
                    new Consent.provisionActorComponent
                    {
                        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient"),
                        Reference = c.GranteeUserId is { } u ? new ResourceReference(PractitionerRef(u)) : new ResourceReference($"CareTeam/{c.GranteeTeamId}"),
                    },
                ],
                Action = [c.Access == ShareAccess.Suggest
                    ? new CodeableConcept(ConsentActionSystem, "correct", "Access and Correct")
                    : new CodeableConcept(ConsentActionSystem, "access", "Access")],
                Class = [new Coding(SharedPartSystem, SharedPartCode(c.Part))],
            },
        };
        if (c.WithdrawnAt is { } w)
        {
            consent.SetExtension(ExtWithdrawn, new FhirDateTime(When(w)));
        }
        return consent;
    }

    public static AuditEvent ToAuditEvent(Guid personId, FhirAuditRecord a)
    {
        var who = new ResourceReference { Display = a.ActorRole.Length > 0 ? a.ActorRole : "Unknown" };
        if (a.ActorUserId is { } u)
        {
            who.Identifier = new Identifier(UserIdSystem, u.ToString());
        }
        List<AuditEvent.AgentComponent> agents = [new AuditEvent.AgentComponent { Who = who, Requestor = true }];
        if (a.Via is { } via)
        {
            // The program that sent the request for the account, named as the account holder named its API token.
            agents.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept("http://dicom.nema.org/resources/ontology/DCM", "110150", "Application"),
                Who = new ResourceReference { Display = $"API token \"{via}\"" },
                Requestor = false,
            });
        }
        return new AuditEvent
        {
            Id = $"access-{a.Id}",
            Type = new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"),
            Subtype = [new Coding(AuditActionSystem, Nz(a.Action) ?? "unknown")],
            Action = AuditEvent.AuditEventAction.R,
            Recorded = a.At.ToUniversalTime(),
            Outcome = a.Outcome == AuditOutcome.Allowed ? AuditEvent.AuditEventOutcome.N0 : AuditEvent.AuditEventOutcome.N4,
            OutcomeDesc = a.Outcome.ToString(),
            Agent = agents,
            Source = new AuditEvent.SourceComponent { Observer = new ResourceReference { Display = "LivingBetter" } },
            Entity = [new AuditEvent.EntityComponent { What = new ResourceReference(PatientRef(personId)), Description = Nz(a.Part) }],
        };
    }
}

using System.Text.Json;
using LivingBetter.Web.Features.Measures;

namespace LivingBetter.Tests.Measures;

/// <summary>Placeholder wording only: real item wording belongs to the licence holder and is loaded as data.</summary>
public static class MeasureFixtures
{
    public static string Questionnaire(int items, int low = 1, int high = 5) => JsonSerializer.Serialize(new
    {
        resourceType = "Questionnaire",
        title = "Placeholder measure",
        item = Enumerable.Range(1, items).Select(i => new
        {
            linkId = $"q{i}",
            text = $"Item {i}",
            type = "choice",
            answerOption = Enumerable.Range(low, high - low + 1).Select(v => new
            {
                valueCoding = new { code = $"{v}", display = $"Option {v}" },
                extension = new[] { new { url = "http://hl7.org/fhir/StructureDefinition/ordinalValue", valueDecimal = (decimal)v } },
            }),
        }),
    });

    /// <summary>The published short Warwick-Edinburgh raw-to-metric conversion, used as figures only.</summary>
    public static readonly decimal[] ShortWellbeingMetric =
    [
        7.00m, 9.51m, 11.25m, 12.40m, 13.33m, 14.08m, 14.75m, 15.32m, 15.84m, 16.36m, 16.88m, 17.43m, 17.98m, 18.59m, 19.25m,
        19.98m, 20.73m, 21.54m, 22.35m, 23.21m, 24.11m, 25.03m, 26.02m, 27.03m, 28.13m, 29.31m, 30.70m, 32.55m, 35.00m,
    ];

    public static string ShortWellbeingScoring(int minimumAnswered = 7) => JsonSerializer.Serialize(new
    {
        method = "sum",
        items = Enumerable.Range(1, 7).Select(i => $"q{i}"),
        minimumAnswered,
        conversion = ShortWellbeingMetric.Select((m, i) => new { raw = 7 + i, metric = m }),
        reliableChange = 3,
        higherIsBetter = true,
    });
}

public sealed class ScoringEngineTests
{
    private static ScoringDefinition Load(string questionnaire, string scoring)
    {
        var (q, qErrors) = ScoringEngine.ParseQuestionnaire(questionnaire);
        Assert.Empty(qErrors);
        var (s, sErrors) = ScoringEngine.ParseScoring(scoring, q);
        Assert.Empty(sErrors);
        return s!;
    }

    private static Dictionary<string, decimal> Answers(params int[] values) =>
        values.Select((v, i) => (v, i)).ToDictionary(x => $"q{x.i + 1}", x => (decimal)x.v);

    [Fact]
    public void ShortWellbeingScale_EveryRawScore_ConvertsExactlyAsThePublishedTable()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(7), MeasureFixtures.ShortWellbeingScoring());
        for (var raw = 7; raw <= 35; raw++)
        {
            // Spread the raw score across the seven items, each 1 to 5.
            var values = new int[7];
            var left = raw;
            for (var i = 0; i < 7; i++)
            {
                values[i] = Math.Clamp(left - (6 - i), 1, 5);
                left -= values[i];
            }
            var result = ScoringEngine.Score(scoring, Answers(values));
            Assert.Equal(raw, result.Raw);
            Assert.Equal(MeasureFixtures.ShortWellbeingMetric[raw - 7], result.Metric);
        }
    }

    [Fact]
    public void ShortWellbeingScale_ExampleResponse_Scores20RawAnd18Point59Metric()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(7), MeasureFixtures.ShortWellbeingScoring());
        var result = ScoringEngine.Score(scoring, Answers(3, 3, 3, 3, 3, 3, 2));
        Assert.True(result.Scored);
        Assert.Equal(20m, result.Raw);
        Assert.Equal(18.59m, result.Metric);
    }

    [Fact]
    public void TooFewAnswered_IsNotScored_AndSaysWhy()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(7), MeasureFixtures.ShortWellbeingScoring());
        var result = ScoringEngine.Score(scoring, Answers(3, 3, 3, 3, 3, 3));
        Assert.False(result.Scored);
        Assert.Null(result.Metric);
        Assert.Equal("6 of 7 questions answered; at least 7 are needed for a score", result.Reason);
    }

    [Fact]
    public void MinimumAnsweredMet_SumIsProrated_AndRoundedToLookUpTheTable()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(7), MeasureFixtures.ShortWellbeingScoring(minimumAnswered: 6));
        var result = ScoringEngine.Score(scoring, Answers(3, 3, 3, 3, 3, 4));
        Assert.Equal(22.17m, result.Raw); // 19 × 7 ÷ 6
        Assert.Equal(19.98m, result.Metric); // looked up at 22
    }

    [Fact]
    public void ReversedItems_AreFlippedBeforeScoring()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(3), """{"method":"sum","items":["q1","q2","q3"],"reversed":[{"linkId":"q2","min":1,"max":5}]}""");
        Assert.Equal(1m + 4m + 5m, ScoringEngine.Score(scoring, Answers(1, 2, 5)).Raw);
    }

    [Fact]
    public void MeanAndSubscales_AreScoredSeparately()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(4), """
            {"method":"mean","items":["q1","q2","q3","q4"],
             "subscales":[{"key":"hope","title":"Hope","method":"sum","items":["q1","q2"]},{"key":"control","method":"mean","items":["q3","q4"]}]}
            """);
        var result = ScoringEngine.Score(scoring, Answers(1, 2, 4, 5));
        Assert.Equal(3m, result.Raw);
        Assert.Null(result.Metric);
        Assert.Equal(3m, result.Subscales["hope"]);
        Assert.Equal(4.5m, result.Subscales["control"]);
    }

    [Fact]
    public void ReversedItem_IsFlippedBeforeTheConversionTableIsUsed()
    {
        // The same seven items with q7 reversed: answering 1 to q7 counts as 5.
        var scoring = Load(MeasureFixtures.Questionnaire(7), JsonSerializer.Serialize(new
        {
            method = "sum",
            items = Enumerable.Range(1, 7).Select(i => $"q{i}"),
            reversed = new[] { new { linkId = "q7", min = 1, max = 5 } },
            conversion = MeasureFixtures.ShortWellbeingMetric.Select((m, i) => new { raw = 7 + i, metric = m }),
        }));
        var result = ScoringEngine.Score(scoring, Answers(3, 3, 3, 3, 3, 3, 1));
        Assert.Equal(23m, result.Raw);
        Assert.Equal(20.73m, result.Metric);
    }

    [Fact]
    public void MeanWithMinimumAnswered_UsesOnlyTheAnsweredItems_AndRoundsToTwoPlaces()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(4), """{"method":"mean","items":["q1","q2","q3","q4"],"minimumAnswered":3}""");
        var three = new Dictionary<string, decimal> { ["q1"] = 1, ["q2"] = 2, ["q4"] = 2 };
        Assert.Equal(1.67m, ScoringEngine.Score(scoring, three).Raw);
        var two = new Dictionary<string, decimal> { ["q1"] = 1, ["q2"] = 2 };
        var refused = ScoringEngine.Score(scoring, two);
        Assert.False(refused.Scored);
        Assert.Equal("2 of 4 questions answered; at least 3 are needed for a score", refused.Reason);
    }

    [Fact]
    public void SubscaleBelowItsOwnMinimum_IsLeftUnscored_WhileTheTotalIsScored()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(4), """
            {"method":"sum","items":["q1","q2","q3","q4"],"minimumAnswered":3,
             "subscales":[{"key":"hope","method":"sum","items":["q1","q2"],"minimumAnswered":2},{"key":"control","method":"sum","items":["q3","q4"],"minimumAnswered":1}]}
            """);
        var result = ScoringEngine.Score(scoring, new Dictionary<string, decimal> { ["q1"] = 4, ["q3"] = 2, ["q4"] = 5 });
        Assert.True(result.Scored);
        Assert.Equal(14.67m, result.Raw); // 11 × 4 ÷ 3
        Assert.Null(result.Subscales["hope"]);
        Assert.Equal(7m, result.Subscales["control"]);
    }

    [Fact]
    public void LowerIsBetter_ARiseBeyondTheThreshold_IsADeterioration()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(3), """{"method":"sum","items":["q1","q2","q3"],"reliableChange":2.5,"higherIsBetter":false}""");
        Assert.Equal(ChangeVerdict.ReliableDeterioration, ScoringEngine.Compare(scoring, 6m, 9m));
        Assert.Equal(ChangeVerdict.ReliableImprovement, ScoringEngine.Compare(scoring, 9m, 6m));
        Assert.Equal(ChangeVerdict.NoReliableChange, ScoringEngine.Compare(scoring, 6m, 8m));
        Assert.Equal(ChangeVerdict.NotEnough, ScoringEngine.Compare(scoring, null, 8m));
    }

    [Fact]
    public void ReliableChange_IsFlaggedOnlyAtOrBeyondTheThreshold_InTheRightDirection()
    {
        var scoring = Load(MeasureFixtures.Questionnaire(7), MeasureFixtures.ShortWellbeingScoring());
        Assert.Equal(ChangeVerdict.ReliableImprovement, ScoringEngine.Compare(scoring, 17.43m, 20.73m));
        Assert.Equal(ChangeVerdict.NoReliableChange, ScoringEngine.Compare(scoring, 17.43m, 19.98m));
        Assert.Equal(ChangeVerdict.ReliableDeterioration, ScoringEngine.Compare(scoring, 23.21m, 19.25m));
    }

    [Theory]
    [InlineData("""{"method":"total","items":["q1"]}""", "scoring.method must be \"sum\" or \"mean\"")]
    [InlineData("""{"method":"sum","items":["q1","q9"]}""", "scoring.items[1] \"q9\" is not a linkId in the questionnaire")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"conversion":[{"raw":2,"metric":1},{"raw":3.5,"metric":2}]}""", "scoring.conversion[1].raw must be a whole number")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"conversion":[{"raw":2,"metric":1},{"raw":3,"metric":2}]}""", "scoring.conversion must cover every raw score from 2 to 10; missing 4, 5, 6, 7, 8, 9, 10")]
    [InlineData("""{"method":"sum","items":["q1"],"reversed":[{"linkId":"q1","min":5,"max":1}]}""", "scoring.reversed[0].max must be greater than min")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"minimumAnswered":3}""", "scoring.minimumAnswered must be a whole number from 1 to 2")]
    [InlineData("""{"method":"sum","items":["q1"],"reliableChange":-1}""", "scoring.reliableChange must be a positive number")]
    [InlineData("""{"method":"sum","items":[""", "scoring is not valid JSON (line 1)")]
    [InlineData("""{"method":"sum","items":[]}""", "scoring.items must list at least one linkId")]
    [InlineData("""{"method":"sum","items":["q1","q1"]}""", "scoring.items[1] \"q1\" is listed twice")]
    [InlineData("""{"method":"sum","items":["q1"],"reversed":[{"linkId":"q2","min":1,"max":5}]}""", "scoring.reversed[0].linkId must be one of scoring.items")]
    [InlineData("""{"method":"sum","items":["q1"],"reversed":[{"linkId":"q1","min":"one","max":5}]}""", "scoring.reversed[0] needs a numeric min and max")]
    [InlineData("""{"method":"sum","items":["q1"],"subscales":[{"method":"sum","items":["q1"]}]}""", "scoring.subscales[0].key is missing")]
    [InlineData("""{"method":"sum","items":["q1"],"subscales":[{"key":"a","method":"median","items":["q1"]}]}""", "scoring.subscales[0].method must be \"sum\" or \"mean\"")]
    [InlineData("""{"method":"sum","items":["q1"],"subscales":[{"key":"a","items":["q7"]}]}""", "scoring.subscales[0].items[0] \"q7\" is not a linkId in the questionnaire")]
    [InlineData("""{"method":"mean","items":["q1","q2"],"conversion":[]}""", "scoring.conversion can only be used when scoring.method is \"sum\"")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"conversion":{"raw":2}}""", "scoring.conversion must be a list")]
    [InlineData("""[1,2]""", "scoring must be a JSON object")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"subscales":[{"key":"a","items":["q1","q2"],"minimumAnswered":1e30}]}""", "scoring.subscales[0].minimumAnswered must be a whole number from 1 to 2")]
    [InlineData("""{"method":"sum","items":["q1","q2"],"conversion":[{"raw":1e30,"metric":1}]}""", "scoring.conversion[0].raw must be a whole number")]
    [InlineData("", "scoring is empty")]
    public void MalformedScoringRule_GivesAnErrorNamingThePath(string scoring, string expected)
    {
        var (q, _) = ScoringEngine.ParseQuestionnaire(MeasureFixtures.Questionnaire(2));
        var (s, errors) = ScoringEngine.ParseScoring(scoring, q);
        Assert.Null(s);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"resourceType":"Patient","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueInteger":1},{"valueInteger":2}]}]}""", "questionnaire.resourceType must be \"Questionnaire\"")]
    [InlineData("""{"resourceType":"Questionnaire","item":[]}""", "questionnaire.item must be a list with at least one question")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","answerOption":[{"valueInteger":1},{"valueInteger":2}]}]}""", "questionnaire.item[0].text is missing")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","type":"string","answerOption":[{"valueInteger":1},{"valueInteger":2}]}]}""", "questionnaire.item[0].type must be \"choice\" (was \"string\")")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueInteger":1}]}]}""", "questionnaire.item[0].answerOption must list at least two options")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueString":"x"},{"valueInteger":2}]}]}""", "questionnaire.item[0].answerOption[0] must have valueInteger, or valueCoding with a score extension")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueInteger":1},{"valueInteger":1}]}]}""", "questionnaire.item[0].answerOption has the same code more than once")]
    [InlineData("""not json""", "questionnaire is not valid JSON")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueCoding":{"code":"x"},"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/ordinalValue","valueDecimal":1e25}]},{"valueInteger":2}]}]}""", "questionnaire.item[0].answerOption[0] score must be between -1000000 and 1000000")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"text":"Item 1"}]}""", "questionnaire.item[0].linkId is missing")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueCoding":{"code":"x"}},{"valueInteger":2}]}]}""", "questionnaire.item[0].answerOption[0] needs a score")]
    [InlineData("""{"resourceType":"Questionnaire","item":[{"linkId":"a","text":"Item 1","answerOption":[{"valueInteger":1},{"valueInteger":2}]},{"linkId":"a","text":"Item 2","answerOption":[{"valueInteger":1},{"valueInteger":2}]}]}""", "questionnaire.item[1].linkId \"a\" is used more than once")]
    public void MalformedQuestionnaire_GivesAnErrorNamingThePath(string json, string expected)
    {
        var (q, errors) = ScoringEngine.ParseQuestionnaire(json);
        Assert.Null(q);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }
}

using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace LivingBetter.Tests.Support;

/// <summary>Drives pages the way a browser without JavaScript would: read the form, fill it in, post it.</summary>
public static class Forms
{
    private static readonly IBrowsingContext Browsing = BrowsingContext.New(Configuration.Default);

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Browsing.OpenAsync(req => req.Content(html));
    }

    public static async Task<IDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}, expected 200.");
        return await ParseAsync(response);
    }

    /// <summary>
    /// Loads <paramref name="url"/>, takes the form that posts to <paramref name="action"/> (or the
    /// first form in main), keeps its hidden fields and antiforgery token, applies
    /// <paramref name="fields"/> and posts it.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(
        this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await client.GetPageAsync(url);
        var form = FindForm(page, action) ?? throw new InvalidOperationException($"No form{(action is null ? "" : " for " + action)} on {url}.");
        var values = new List<KeyValuePair<string, string>>();
        var named = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var input in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!named.Contains(input.Name ?? ""))
            {
                values.Add(new(input.Name ?? "", input.Value));
            }
        }
        values.AddRange(fields);
        var target = form.GetAttribute("action");
        if (string.IsNullOrEmpty(target))
        {
            target = url;
        }
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> PostWithTokenAsync(this HttpClient client, string tokenSourceUrl, string postUrl, IDictionary<string, string> fields)
    {
        var page = await client.GetPageAsync(tokenSourceUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenSourceUrl}.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(values));
    }

    private static IElement? FindForm(IDocument page, string? action)
    {
        var forms = page.QuerySelectorAll("main form").ToList();
        if (action is null)
        {
            return forms.FirstOrDefault();
        }
        return forms.FirstOrDefault(f => (f.GetAttribute("action") ?? "").Contains(action, StringComparison.OrdinalIgnoreCase));
    }

    public static IReadOnlyList<string> ErrorSummary(this IDocument page) =>
        page.QuerySelectorAll(".nhsuk-error-summary__list li").Select(li => li.TextContent.Trim()).ToList();

    public static string? FieldError(this IDocument page, string fieldId) =>
        page.QuerySelector($"#{fieldId}-error")?.TextContent.Replace("Error:", "", StringComparison.Ordinal).Trim();

    public static string MainText(this IDocument page) => page.QuerySelector("main")?.TextContent ?? "";
}

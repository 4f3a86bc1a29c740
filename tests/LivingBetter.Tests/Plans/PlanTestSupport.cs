using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using LivingBetter.Tests.Support;
using LivingBetter.Web.Model;

namespace LivingBetter.Tests.Plans;

/// <summary>A form as a browser tab holds it: read once, posted later (possibly after another tab saved).</summary>
public sealed record OpenForm(string Action, List<KeyValuePair<string, string>> Hidden)
{
    public async Task<HttpResponseMessage> PostAsync(HttpClient client, IDictionary<string, string> fields)
    {
        var values = Hidden.Where(h => !fields.ContainsKey(h.Key)).ToList();
        values.AddRange(fields);
        return await client.PostAsync(Action, new FormUrlEncodedContent(values));
    }
}

public static class PlanTestSupport
{
    public static async Task<OpenForm> OpenFormAsync(this HttpClient client, string url, string? action = null)
    {
        var page = await client.GetPageAsync(url);
        return FormOf(page, url, action);
    }

    public static OpenForm FormOf(IDocument page, string url, string? action = null)
    {
        var form = page.QuerySelectorAll("main form")
            .FirstOrDefault(f => action is null || (f.GetAttribute("action") ?? "").Contains(action, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No form on {url}.");
        var hidden = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name ?? "", i.Value)).ToList();
        var target = form.GetAttribute("action");
        return new OpenForm(string.IsNullOrEmpty(target) ? url : target, hidden);
    }

    public static async Task<IDocument> FollowAsync(this HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetPageAsync(response.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Forms.ParseAsync(response);
    }

    /// <summary>Saves one section through its page, the way a person would.</summary>
    public static async Task<IDocument> SaveSectionAsync(this HttpClient client, string kind, string key, IDictionary<string, string> fields)
    {
        var url = $"/plans/{kind}/{key}";
        var form = await client.OpenFormAsync(url, url);
        var response = await form.PostAsync(client, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await client.FollowAsync(response);
    }

    public static async Task ShareAsync(this LivingBetterApp app, Guid personId, Guid granteeUserId, SharedPart part, ShareAccess access) =>
        await app.WithDbAsync(async db =>
        {
            db.SharingGrants.Add(new SharingGrant
            {
                Id = Guid.NewGuid(),
                PersonId = personId,
                GranteeUserId = granteeUserId,
                Part = part,
                Access = access,
                CreatedAt = app.Time.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
}

/// <summary>A shared app for a test class (xUnit fixtures need a single constructor).</summary>
public sealed class PlansApp : LivingBetterApp;

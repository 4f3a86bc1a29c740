using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace LivingBetter.Web.Infrastructure;

/// <summary>
/// NHS.UK form fields from a model expression: label, hint, error message and the control, with the
/// ids and aria links screen readers need. Pages stay short and every field behaves the same way.
/// </summary>
public abstract class NhsFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = null!;

    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    [HtmlAttributeName("label-class")]
    public string? LabelClass { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    protected string FieldName => For.Name;

    protected string FieldId => TagBuilder.CreateSanitizedId(For.Name, "_");

    protected string? Error =>
        ViewContext.ViewData.ModelState.TryGetValue(FieldName, out var entry) && entry.Errors.Count > 0
            ? entry.Errors[0].ErrorMessage
            : null;

    protected string LabelText => Label ?? For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? FieldName;

    protected int? MaxLength =>
        For.Metadata.ContainerType?.GetProperty(For.Metadata.PropertyName ?? "")?.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength
        ?? For.Metadata.ContainerType?.GetProperty(For.Metadata.PropertyName ?? "")?.GetCustomAttribute<MaxLengthAttribute>()?.Length;

    protected string AttemptedValue =>
        ViewContext.ViewData.ModelState.TryGetValue(FieldName, out var entry) && entry.AttemptedValue is not null
            ? entry.AttemptedValue
            : Convert.ToString(For.Model, System.Globalization.CultureInfo.InvariantCulture) ?? "";

    protected string DescribedBy()
    {
        var ids = new List<string>();
        if (Hint is not null) ids.Add(FieldId + "-hint");
        if (Error is not null) ids.Add(FieldId + "-error");
        return string.Join(' ', ids);
    }

    protected void WriteOpening(TagHelperOutput output, HtmlContentBuilder html)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", Error is null ? "nhsuk-form-group" : "nhsuk-form-group nhsuk-form-group--error");
        html.AppendHtml($"<label class=\"nhsuk-label {LabelClass}\" for=\"{FieldId}\">");
        html.Append(LabelText);
        html.AppendHtml("</label>");
        if (Hint is not null)
        {
            html.AppendHtml($"<div class=\"nhsuk-hint\" id=\"{FieldId}-hint\">");
            html.Append(Hint);
            html.AppendHtml("</div>");
        }
        if (Error is not null)
        {
            html.AppendHtml($"<span class=\"nhsuk-error-message\" id=\"{FieldId}-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
            html.Append(Error);
            html.AppendHtml("</span>");
        }
    }

    protected static string Attr(string name, string? value) =>
        value is null ? "" : $" {name}=\"{HtmlEncoder.Default.Encode(value)}\"";
}

[HtmlTargetElement("nhs-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsInputTagHelper : NhsFieldTagHelper
{
    public string Type { get; set; } = "text";
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("input-class")]
    public string? InputClass { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var html = new HtmlContentBuilder();
        WriteOpening(output, html);
        var css = "nhsuk-input" + (InputClass is null ? "" : " " + InputClass) + (Error is null ? "" : " nhsuk-input--error");
        var value = Type == "password" ? "" : AttemptedValue;
        var describedBy = DescribedBy();
        html.AppendHtml(
            $"<input class=\"{css}\" id=\"{FieldId}\" name=\"{FieldName}\" type=\"{Type}\"" +
            Attr("value", value) +
            Attr("autocomplete", Autocomplete) +
            Attr("inputmode", InputMode) +
            Attr("spellcheck", Type is "email" or "password" ? "false" : null) +
            Attr("aria-describedby", describedBy.Length == 0 ? null : describedBy) +
            (Error is null ? "" : " aria-invalid=\"true\"") + ">");
        output.Content.SetHtmlContent(html);
    }
}

[HtmlTargetElement("nhs-textarea", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsTextareaTagHelper : NhsFieldTagHelper
{
    public int Rows { get; set; } = 4;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var html = new HtmlContentBuilder();
        WriteOpening(output, html);
        var describedBy = DescribedBy();
        html.AppendHtml(
            $"<textarea class=\"nhsuk-textarea{(Error is null ? "" : " nhsuk-textarea--error")}\" id=\"{FieldId}\" name=\"{FieldName}\" rows=\"{Rows}\"" +
            Attr("aria-describedby", describedBy.Length == 0 ? null : describedBy) +
            (Error is null ? "" : " aria-invalid=\"true\"") + ">");
        html.Append(AttemptedValue);
        html.AppendHtml("</textarea>");
        output.Content.SetHtmlContent(html);
    }
}

[HtmlTargetElement("nhs-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsSelectTagHelper : NhsFieldTagHelper
{
    public IEnumerable<SelectListItem> Items { get; set; } = [];

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var html = new HtmlContentBuilder();
        WriteOpening(output, html);
        var describedBy = DescribedBy();
        html.AppendHtml(
            $"<select class=\"nhsuk-select{(Error is null ? "" : " nhsuk-select--error")}\" id=\"{FieldId}\" name=\"{FieldName}\"" +
            Attr("aria-describedby", describedBy.Length == 0 ? null : describedBy) + ">");
        var current = AttemptedValue;
        foreach (var item in Items)
        {
            var selected = string.Equals(item.Value, current, StringComparison.OrdinalIgnoreCase);
            html.AppendHtml($"<option{Attr("value", item.Value)}{(selected ? " selected" : "")}>");
            html.Append(item.Text);
            html.AppendHtml("</option>");
        }
        html.AppendHtml("</select>");
        output.Content.SetHtmlContent(html);
    }
}

/// <summary>The NHS.UK error summary: every error on the page, each linking to its field.</summary>
[HtmlTargetElement("nhs-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class NhsErrorSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ViewData.ModelState;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "nhsuk-error-summary");
        output.Attributes.SetAttribute("data-module", "nhsuk-error-summary");
        output.Attributes.SetAttribute("tabindex", "-1");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("aria-labelledby", "error-summary-title");
        var html = new HtmlContentBuilder();
        html.AppendHtml("<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">There is a problem</h2>");
        html.AppendHtml("<div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">");
        foreach (var (key, entry) in state.OrderBy(e => e.Key.Length == 0 ? 1 : 0))
        {
            foreach (var error in entry?.Errors ?? [])
            {
                if (key.Length == 0)
                {
                    html.AppendHtml("<li>");
                    html.Append(error.ErrorMessage);
                    html.AppendHtml("</li>");
                }
                else
                {
                    html.AppendHtml($"<li><a href=\"#{TagBuilder.CreateSanitizedId(key, "_")}\">");
                    html.Append(error.ErrorMessage);
                    html.AppendHtml("</a></li>");
                }
            }
        }
        html.AppendHtml("</ul></div>");
        output.Content.SetHtmlContent(html);
    }
}

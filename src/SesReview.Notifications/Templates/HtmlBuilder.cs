using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SesReview.Domain.Calendar;

namespace SesReview.Notifications.Templates;

/// <summary>
/// Builds the small HTML and text bodies of the templates side by side. Every value passed in is HTML-encoded
/// (<see cref="HtmlEncoder.Default"/>, which also encodes quotes, so values are safe in attributes); only the fixed
/// markup of this class is written raw. Links must be absolute http(s) URLs.
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder _html = new();
    private readonly StringBuilder _text = new();

    public HtmlBuilder(string title)
    {
        _html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title></head>")
            .Append("<body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px;color:#1b1b1b\">");
    }

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static string FormatDate(DateOnly date) => date.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>The agency's local time with its zone named, exactly as the pages show it.</summary>
    public static string FormatTime(AgencyInstant time) => time.ToString();

    public static string OneLine(string subject) => subject.Replace('\r', ' ').Replace('\n', ' ').Trim();

    /// <summary>A paragraph of parts: plain strings are encoded; use <see cref="Strong"/> for emphasised values.</summary>
    public HtmlBuilder Paragraph(params Part[] parts)
    {
        _html.Append("<p>");
        foreach (var part in parts) _html.Append(part.Bold ? $"<strong>{Encode(part.Value)}</strong>" : Encode(part.Value));
        _html.Append("</p>");
        _text.AppendLine(string.Concat(parts.Select(p => p.Value))).AppendLine();
        return this;
    }

    /// <summary>A two-column table of label/value facts.</summary>
    public HtmlBuilder Facts(params (string Label, string Value)[] facts)
    {
        _html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in facts)
        {
            _html.Append("<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">").Append(Encode(label))
                .Append("</th><td style=\"padding:2px 0\">").Append(Encode(value)).Append("</td></tr>");
            _text.Append(label).Append(": ").AppendLine(value);
        }
        _html.Append("</table>");
        _text.AppendLine();
        return this;
    }

    /// <summary>A button-like link.</summary>
    public HtmlBuilder Link(string url, string label)
    {
        RequireHttpUrl(url);
        _html.Append("<p><a href=\"").Append(Encode(url)).Append("\" style=\"display:inline-block;padding:8px 16px;background:#005ea2;color:#ffffff;text-decoration:none;border-radius:4px\">")
            .Append(Encode(label)).Append("</a></p>");
        _text.Append(label).Append(": ").AppendLine(url).AppendLine();
        return this;
    }

    public HtmlBuilder Note(string text)
    {
        _html.Append("<p style=\"color:#565c65;font-size:12px\">").Append(Encode(text)).Append("</p>");
        _text.AppendLine(text).AppendLine();
        return this;
    }

    public RenderedTemplate Build(string subject)
    {
        _html.Append("</body></html>");
        return new RenderedTemplate(OneLine(subject), _html.ToString(), _text.ToString().TrimEnd() + Environment.NewLine);
    }

    internal static void RequireHttpUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"A link in a notification must be an absolute http(s) URL, not '{url}'.", nameof(url));
    }

    internal readonly record struct Part(string Value, bool Bold)
    {
        public static implicit operator Part(string value) => new(value, false);
    }

    internal static Part Strong(string value) => new(value, true);
}

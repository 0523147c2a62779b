using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;

namespace SesReview.Web.Pages;

/// <summary>
/// A piece of HTML that is already safe. Build one with <see cref="Html.Of"/>: every value interpolated into it is encoded,
/// except values that are themselves <see cref="HtmlText"/>, so a page cannot forget to encode a value.
/// </summary>
internal readonly record struct HtmlText(string Value)
{
    public static readonly HtmlText Empty = new("");

    public override string ToString() => Value ?? "";
}

internal static class Html
{
    /// <summary>HTML-encodes <paramref name="value"/> (text and attribute values alike).</summary>
    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public static HtmlText Of(ref HtmlHandler html) => html.ToHtml();

    public static HtmlText Join(IEnumerable<HtmlText> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public static HtmlText Join<T>(IEnumerable<T> items, Func<T, HtmlText> render) => Join(items.Select(render));

    public static string Date(DateOnly? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    /// <summary>A path segment for a URL built into a page.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>A path of several segments (a message key such as <c>task/head@agency/initial</c>), each escaped.</summary>
    public static string Path(string value) => string.Join('/', value.Split('/').Select(Uri.EscapeDataString));
}

/// <summary>Builds <see cref="HtmlText"/> from an interpolated string, encoding each interpolated value.</summary>
[InterpolatedStringHandler]
internal ref struct HtmlHandler
{
    private readonly StringBuilder _builder;

    public HtmlHandler(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string value) => _builder.Append(value);

    public void AppendFormatted(HtmlText value) => _builder.Append(value.Value);

    public void AppendFormatted(IEnumerable<HtmlText> values)
    {
        foreach (var v in values) _builder.Append(v.Value);
    }

    public void AppendFormatted(string? value) => _builder.Append(Html.Encode(value));

    public void AppendFormatted<T>(T value) =>
        _builder.Append(Html.Encode(value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value?.ToString()));

    public void AppendFormatted<T>(T value, string format) where T : IFormattable =>
        _builder.Append(Html.Encode(value.ToString(format, CultureInfo.InvariantCulture)));

    public readonly HtmlText ToHtml() => new(_builder.ToString());
}

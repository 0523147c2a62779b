namespace SesReview.Notifications.Templates;

/// <summary>A template's output: a plain-text subject (one line), the HTML body and a plain-text alternative.</summary>
public sealed record RenderedTemplate(string Subject, string Html, string Text);

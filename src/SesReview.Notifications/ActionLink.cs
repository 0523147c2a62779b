namespace SesReview.Notifications;

/// <summary>The one thing the recipient should open (the task page); used as the Teams notification's target.</summary>
public sealed record ActionLink(string Url, string Label);

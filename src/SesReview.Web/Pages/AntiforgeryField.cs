using Microsoft.AspNetCore.Antiforgery;

namespace SesReview.Web.Pages;

/// <summary>
/// Guards the CHCO's forms (start a cycle, cancel a cycle) against cross-site request forgery: with App Service
/// sign-in the browser sends its session cookie with any POST, so a form on another site could otherwise cancel a cycle.
/// Task pages need no such field: their signed link is the credential and another site cannot know it.
/// </summary>
internal static class AntiforgeryField
{
    /// <summary>The hidden field to put in a form (also sets the antiforgery cookie on the response).</summary>
    public static HtmlText For(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return Html.Of($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    /// <summary>True when the posted form carries a valid token for this browser.</summary>
    public static async Task<bool> IsValidAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
}

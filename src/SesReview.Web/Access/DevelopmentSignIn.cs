using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using SesReview.Web.Pages;

namespace SesReview.Web.Access;

/// <summary>
/// Development mode's sign-in page: type a name, an email and a role, get a sign-in cookie. It proves nothing about who
/// you are, which is why it is mapped only in Development mode and that mode only starts on loopback addresses
/// (<see cref="AccessSettings.RequireDevelopmentIsLocal"/>); a request that reaches it over a non-loopback connection is refused too.
/// </summary>
internal static class DevelopmentSignIn
{
    public const string SignInPath = "/signin";
    public const string CookieName = "SesReview.SignIn";
    private const int MaxNameChars = 200;
    private const int MaxEmailChars = 254;

    public static void MapDevelopmentSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(SignInPath).ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/", (HttpContext context, string? returnUrl) =>
            IsLocalConnection(context) ? Render(context, "", "", Roles.Staff, LocalReturnUrl(returnUrl), [], StatusCodes.Status200OK) : NotLocal(context));
        group.MapPost("/", SignIn).DisableAntiforgery();
    }

    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath;
        options.Events.OnValidatePrincipal = context =>
        {
            if (!IsLocalConnection(context.HttpContext)) context.RejectPrincipal();
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// True unless the connection came in on a non-loopback address. The in-memory test server has no addresses (null) and no
    /// network, so it counts as local.
    /// </summary>
    internal static bool IsLocalConnection(HttpContext context) =>
        context.Connection.LocalIpAddress is not { } local || IPAddress.IsLoopback(local);

    private static ContentHttpResult NotLocal(HttpContext context) =>
        PageResults.Page(context, "Not allowed", Html.Of($"<p>The development sign-in answers only on this machine's loopback address.</p>"), StatusCodes.Status403Forbidden);

    internal static async Task<IResult> SignIn(HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsLocalConnection(context)) return NotLocal(context);
        if (!context.Request.HasFormContentType) return Render(context, "", "", Roles.Staff, "/", [("form", "Send the sign-in form.")], StatusCodes.Status400BadRequest);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string name = form["name"].ToString().Trim(), email = form["email"].ToString().Trim(), role = form["role"].ToString().Trim();
        var returnUrl = LocalReturnUrl(form["returnUrl"].ToString());
        var errors = new List<(string, string)>();
        if (!await AntiforgeryField.IsValidAsync(context)) errors.Add(("form", "The form has expired or did not come from this site; reload the page and try again."));
        if (name.Length is 0 or > MaxNameChars) errors.Add(("name", $"Give a name of 1 to {MaxNameChars} characters."));
        if (email.Length is 0 or > MaxEmailChars || email.IndexOf('@') is <= 0 || email.EndsWith('@'))
            errors.Add(("email", $"Give an email address of at most {MaxEmailChars} characters, like casey@agency.example.gov."));
        if (!Roles.All.Contains(role)) errors.Add(("role", $"Choose one of: {string.Join(", ", Roles.All)}."));
        if (errors.Count > 0) return Render(context, name, email, role, returnUrl, errors, StatusCodes.Status400BadRequest);

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Role, role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(returnUrl);
    }

    /// <summary>Only a path on this site (never <c>//other.example</c> or an absolute URL), else the dashboard.</summary>
    internal static string LocalReturnUrl(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) ? u : "/";

    private static ContentHttpResult Render(HttpContext context, string name, string email, string role, string returnUrl,
        IReadOnlyList<(string Where, string Message)> errors, int statusCode)
    {
        static HtmlText Selected(bool on) => on ? new HtmlText(" selected") : HtmlText.Empty;
        var content = Html.Of($"""
            <p>Development sign-in: whoever uses this machine chooses who they are. It exists only when the host runs with
            {AccessSettings.Mode} = Development on a loopback address (the main job, <code>bash scripts/run.sh</code>).</p>
            {Layout.Errors("Not signed in.", errors)}
            <form method="post" action="{SignInPath}" class="usa-form">{AntiforgeryField.For(context)}
            <input type="hidden" name="returnUrl" value="{returnUrl}">
            <label class="usa-label" for="signin-name">Name</label><input class="usa-input" id="signin-name" type="text" name="name" value="{name}" required>
            <label class="usa-label" for="signin-email">Email</label><input class="usa-input" id="signin-email" type="email" name="email" value="{email}" required>
            <label class="usa-label" for="signin-role">Role</label><select class="usa-select" id="signin-role" name="role">{Html.Join(Roles.All, r => Html.Of($"""<option value="{r}"{Selected(r == role)}>{Roles.Describe(r)}</option>"""))}</select>
            <button class="usa-button margin-top-2" type="submit">Sign in</button>
            </form>
            """);
        return PageResults.Page(context, "Sign in", content, statusCode);
    }
}

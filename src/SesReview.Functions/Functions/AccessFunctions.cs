using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using SesReview.Functions.Http;

namespace SesReview.Functions.Functions;

/// <summary>
/// The sign-in routes, handed to the self-host's pipeline like every other route: sign-out (an endpoint in every mode), and
/// in EntraId mode the OpenID Connect callbacks, which no endpoint serves: the sign-in middleware answers them before
/// routing reaches the endpoints. The development sign-in page has no function: the Functions app refuses Development mode.
/// </summary>
public sealed class AccessFunctions(SesReviewWebPipeline web)
{
    /// <summary>Microsoft.Identity.Web's default callback paths (OpenIdConnectOptions.CallbackPath, SignedOutCallbackPath).</summary>
    public const string SignInCallbackRoute = "signin-oidc";
    public const string SignedOutCallbackRoute = "signout-callback-oidc";

    [Function("AccessSignOut")]
    public IResult SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signout")] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("AccessSignInCallback")]
    public IResult SignInCallback([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SignInCallbackRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);

    [Function("AccessSignedOutCallback")]
    public IResult SignedOutCallback([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SignedOutCallbackRoute)] HttpRequest request, [DurableClient] DurableTaskClient client) => web.Serve(request, client);
}

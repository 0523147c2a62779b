using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;

namespace SesReview.Notifications.Graph;

/// <summary>Builds the <see cref="GraphServiceClient"/> the sender uses: app-only auth, any base URL.</summary>
public static class GraphClientBuilder
{
    /// <summary>The client-secret credential for the configured tenant and app (Azure.Identity).</summary>
    public static TokenCredential CreateCredential(GraphNotificationOptions options)
    {
        var credentialOptions = new ClientSecretCredentialOptions();
        if (options.AuthorityHost is not null) credentialOptions.AuthorityHost = new Uri(options.AuthorityHost);
        return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret, credentialOptions);
    }

    /// <summary>
    /// A Graph client for <see cref="GraphNotificationOptions.BaseUrl"/> that gets tokens from <paramref name="credential"/>
    /// for the Graph scope. Tokens are attached only to requests to the base URL's host. The HTTP pipeline is Graph's
    /// own (retry on 429/503/504 with Retry-After, redirects, compression); <paramref name="finalHandler"/> replaces the
    /// socket handler (tests).
    /// </summary>
    public static GraphServiceClient Create(GraphNotificationOptions options, TokenCredential credential, HttpMessageHandler? finalHandler = null)
    {
        var baseUri = new Uri(options.BaseUrl);
        var auth = new AzureIdentityAuthenticationProvider(credential, [baseUri.Host], null, true, options.EffectiveScope);
        var httpClient = GraphClientFactory.Create(finalHandler: finalHandler);
        return new GraphServiceClient(httpClient, auth, options.BaseUrl.TrimEnd('/'));
    }
}

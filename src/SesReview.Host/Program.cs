using SesReview.Host;
using SesReview.Host.Configuration;
using SesReview.DurableHosting;
using SesReview.Web;
using SesReview.Web.Access;
using SesReview.Web.Logging;
using SesReview.Workflows.Hosting;
using SesReview.Workflows.Storage;

var builder = WebApplication.CreateBuilder(args);
var settingsFiles = builder.Configuration.AddFunctionsSettings(builder.Environment.ContentRootPath, args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls(HostUrls.Default);
}

builder.Services.AddSesReviewWeb();
// Sign-in and roles (setting Access:Mode; the host does not start without it, nor in Development mode off loopback).
builder.Services.AddSesReviewAccess(builder.Configuration, HostUrls.Configured(builder.Configuration));
builder.Services.AddRedactedRequestLog();
builder.Services.AddSesReviewWorkflows(builder.Configuration);
// The engine: the Durable Task Framework on Azure Storage (Azurite locally), its worker in this process. Several hosts on
// one storage account and task hub share the work through DTFx's partitions.
builder.Services.AddDurableTaskOnAzureStorage(builder.Configuration, WorkflowServiceCollectionExtensions.RegisterWorkflows, WorkflowJson.DurablePayloads);

var app = builder.Build();

app.UseRedactedRequestLog();

app.UseExceptionHandler();
app.UseStatusCodePages();
// The fast 503 while storage is unreachable, routing, sign-in and roles, cross-site write protection (SesReview.Web's RequestGuards).
app.UseSesReviewRequestGuards();

// Every route of SesReview.Web; the outbox pages only where the outbox is the delivery channel (see MapSesReviewWeb).
app.MapSesReviewWeb();

app.Lifetime.ApplicationStarted.Register(() =>
{
    app.Logger.LogInformation("Settings read from {HostJson} and {LocalSettings}",
        settingsFiles?.HostJson ?? "(no host.json found)", settingsFiles?.LocalSettings ?? "(no local settings file)");
    app.Logger.LogInformation("SES review host listening on {Urls}", string.Join(", ", app.Urls));
});

app.Run();

/// <summary>The host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;

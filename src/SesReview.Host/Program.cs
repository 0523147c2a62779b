using SesReview.Host;
using SesReview.Web.Api;
using SesReview.Host.Configuration;
using SesReview.Web.Management;
using SesReview.Web.Pages;
using SesReview.DurableHosting;
using SesReview.Workflows.Hosting;
using SesReview.Workflows.Storage;

var builder = WebApplication.CreateBuilder(args);
var settingsFiles = builder.Configuration.AddFunctionsSettings(builder.Environment.ContentRootPath, args);
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls(HostUrls.Default);
}

builder.Services.AddProblemDetails();
// The CHCO's forms check their antiforgery token themselves (Pages/AntiforgeryField); task pages and the JSON API do not use it.
builder.Services.AddAntiforgery();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    foreach (var converter in WorkflowJson.Options.Converters) o.SerializerOptions.Converters.Add(converter);
    o.SerializerOptions.PropertyNamingPolicy = WorkflowJson.Options.PropertyNamingPolicy;
});
builder.Services.AddSesReviewWorkflows(builder.Configuration);
// The engine: the Durable Task Framework on Azure Storage (Azurite locally), its worker in this process. Several hosts on
// one storage account and task hub share the work through DTFx's partitions.
builder.Services.AddDurableTaskOnAzureStorage(builder.Configuration, WorkflowServiceCollectionExtensions.RegisterWorkflows, WorkflowJson.DurablePayloads);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapInventoryApi();
app.MapCycleApi();
app.MapDurableManagement();
app.MapDashboardPages();
app.MapCyclePages();
app.MapNewCyclePages();
// The outbox lists every task link (each one a credential), so it exists only where it is the delivery channel: the
// local default. With Graph, messages go to mailboxes and the outbox page is not served.
if (app.Services.GetRequiredService<SesReview.Notifications.NotificationOptions>().Channel == SesReview.Notifications.NotificationChannel.Outbox)
    app.MapOutboxPages();
app.MapTaskPages();

app.Lifetime.ApplicationStarted.Register(() =>
{
    app.Logger.LogInformation("Settings read from {HostJson} and {LocalSettings}",
        settingsFiles?.HostJson ?? "(no host.json found)", settingsFiles?.LocalSettings ?? "(no local settings file)");
    app.Logger.LogInformation("SES review host listening on {Urls}", string.Join(", ", app.Urls));
});

app.Run();

/// <summary>The host's entry point; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;

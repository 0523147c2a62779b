using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SesReview.Functions.Durable;
using SesReview.Functions.Http;
using SesReview.Web;
using SesReview.Web.Access;
using SesReview.Workflows.Hosting;

// The Azure Functions (isolated worker) host of the same Workflows classes and SesReview.Web handlers the self-host runs.
// Settings are the Function App's app settings (locally: local.settings.json Values), the keys of local.settings.sample.json.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Durable payloads in the product's one converter (web defaults, camelCase), so that histories read the same on every
// host: the Durable extension takes its data converter from the worker's serializer (see DurablePayloadSerializer).
builder.Services.Configure<WorkerOptions>(options => options.Serializer = DurablePayloadSerializer.Instance);

builder.Services.AddSesReviewWeb();
// Sign-in and roles (setting Access:Mode: AppService or EntraId here; the worker cannot tell which addresses the Functions host
// listens on, so Development mode is refused).
builder.Services.AddSesReviewAccess(builder.Configuration, listenUrls: null);
builder.Services.AddSesReviewWorkflows(builder.Configuration);
// The workflows' services take a DurableTaskClient; on Functions it is the invocation's [DurableClient] binding.
builder.Services.AddSingleton<DurableTaskClient, InvocationDurableTaskClient>();
SesReviewWebPipeline.Register(builder.Services);

builder.Build().Run();

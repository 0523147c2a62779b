using Microsoft.Extensions.DependencyInjection;
using System.Text;
using SesReview.Domain.DesignationReview;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Workflows.Approvals;
using SesReview.Workflows.Cycles;
using SesReview.Workflows.Inventory;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workflows.Tests;

/// <summary>A cycle started with the PLUM export it was cross-checked against keeps it: the working copy has the sheet; OPM's package only when included.</summary>
public sealed class PlumWorkingCopyTests
{
    private static readonly Person Chco = new("Casey Chco", "chco@agency.example.gov");
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly RequestOrigin Origin = RequestOrigin.Web("127.0.0.1");
    private static readonly string SheetName = PlumCrossCheckLayout.Sheet.Name;

    [Fact]
    public async Task The_working_copy_has_the_PLUM_sheet_and_the_package_to_OPM_has_it_only_when_the_CHCO_includes_it()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var inventory = InventoryGenerator.Generate(120, seed: 7);
        var upload = await harness.UploadAsync(inventory);
        var (plumCsv, careerReservedListed) = PlumListingOneCareerReservedPosition(inventory, Today);
        var plums = harness.Services.GetRequiredService<PlumUploads>();
        var (plum, import) = await plums.UploadAsync("plum.csv", plumCsv, "chco@agency.example.gov");
        Assert.True(plum is not null, string.Join("\n", import.Errors));

        foreach (var include in new[] { false, true })
        {
            var cycle = await harness.StartDesignationAsync(upload, Chco, plumUploadId: plum!.UploadId, includePlumCrossCheck: include);
            Assert.Equal(plum.UploadId, (await harness.Cycles.GetAsync(cycle.CycleId))!.Input.PlumUploadId);
            await DecideEverythingAsync(harness, cycle.CycleId);
            await harness.WaitForMessageAsync(cycle.CycleId, "task/signoff-r1/r1/initial");

            var workingCopy = await harness.Services.GetRequiredService<WorkingCopies>().BuildAsync(cycle);
            var sheets = TestSupport.WorkbookCells.Read(workingCopy!.Content);
            Assert.Contains(sheets[SheetName], row => row.Contains(careerReservedListed) && row.Any(c => c.Contains("Career Reserved since")));
            Assert.True(sheets.ContainsKey("Positions"));

            var package = await harness.Cycles.GetPackageAsync(cycle.CycleId);
            Assert.Equal(include, TestSupport.WorkbookCells.Read(package!.Content).ContainsKey(SheetName));
        }
    }

    [Fact]
    public async Task A_cycle_without_a_PLUM_file_has_no_working_copy_and_a_bad_PLUM_id_or_an_include_without_one_is_refused()
    {
        await using var harness = await WorkflowHarness.StartAsync();
        var upload = await harness.UploadAsync(InventoryGenerator.Generate(30, seed: 3));

        var refused = await Assert.ThrowsAsync<CycleRequestException>(() =>
            harness.StartDesignationAsync(upload, Chco, plumUploadId: "no-such-plum"));
        Assert.Contains(refused.Errors, e => e.Field == "plumUploadId" && e.Message.Contains("no-such-plum"));
        refused = await Assert.ThrowsAsync<CycleRequestException>(() =>
            harness.StartDesignationAsync(upload, Chco, includePlumCrossCheck: true));
        Assert.Contains(refused.Errors, e => e.Field == "includePlumCrossCheck");

        var cycle = await harness.StartDesignationAsync(upload, Chco);
        Assert.Null(await harness.Services.GetRequiredService<WorkingCopies>().BuildAsync(cycle));
    }

    /// <summary>Every open decision task answered "revert", so the package is built and the sign-off goes out.</summary>
    private static async Task DecideEverythingAsync(WorkflowHarness harness, string cycleId)
    {
        var tasks = await TestSupport.Poll.UntilAsync(async () =>
            (await harness.Store.ListTasksAsync(cycleId)).Where(t => t.Kind == TaskKind.Decision).ToList() is { Count: > 0 } found ? found : null,
            TimeSpan.FromSeconds(30), () => Task.FromResult($"cycle {cycleId} made no decision task"));
        foreach (var task in tasks)
        {
            var message = await harness.WaitForMessageAsync(cycleId, $"task/{task.TaskId}/r1/initial");
            var page = await harness.Approvals.OpenAsync(WorkflowHarness.TokenOf(message));
            var outcome = await harness.Approvals.SubmitDecisionsAsync(WorkflowHarness.TokenOf(message),
                [.. page.View!.Positions.Select(p => new DecisionInput(p.PositionId, ProposedAction.RevertToGeneral, null))], Origin);
            Assert.True(outcome.Recorded, outcome.Message);
        }
    }

    /// <summary>A PLUM export (OPM's CSV) listing the inventory's first Career Reserved ES position, so the cross-check names it.</summary>
    private static (byte[] Csv, string PositionId) PlumListingOneCareerReservedPosition(PositionInventory inventory, DateOnly asOf)
    {
        var position = inventory.Positions.First(p => p.PayPlan == PayPlan.ES
            && inventory.DesignationHistoryOf(p.PositionId).LastOrDefault(d => d.EffectiveDate <= asOf)?.Designation == Designation.CareerReserved);
        var incumbent = inventory.IncumbenciesOf(position.PositionId).LastOrDefault(i => i.End is null);
        var name = incumbent?.IncumbentName ?? "";
        var space = name.LastIndexOf(' ');
        static string Q(string v) => $"\"{v.Replace("\"", "\"\"")}\"";
        var csv = "AgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,ExpirationDate,LevelGradePay,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,Tenure,IncumbentBeginDate,IncumbentVacateDate\n" +
            string.Join(',', Q(position.Agency), Q(position.Component), Q(position.Title), name.Length == 0 ? "Vacant" : "Filled", name.Length == 0 ? "" : "CA", "", "",
                Q("WASHINGTON, DC"), Q(space < 0 ? "" : name[..space]), Q(space < 0 ? name : name[(space + 1)..]), "ES", "",
                incumbent is null ? "" : $"{incumbent.Start.Month}/{incumbent.Start.Day}/{incumbent.Start.Year} 12:00:00 AM", "") + "\n";
        return (Encoding.UTF8.GetBytes(csv), position.PositionId);
    }
}

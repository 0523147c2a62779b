using Microsoft.Playwright;
using SesReview.Domain.Model;
using SesReview.Domain.Samples;
using SesReview.Workbooks.Export;

namespace Browser.Tests.Support;

/// <summary>Starting a cycle on <c>/cycles/new</c> as staff do: upload the inventory workbook, name the people, start.</summary>
public static class NewCycle
{
    public const string ChcoName = "Casey Chco";
    public const string ChcoEmail = "chco@agency.example.gov";

    /// <summary>A generated 200-position inventory (several components) written as the template workbook, in a temporary file.</summary>
    public static (string Path, PositionInventory Inventory) InventoryFile(int seed)
    {
        var inventory = InventoryGenerator.Generate(200, seed);
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"browser-inventory-{seed}-{Guid.NewGuid():N}.xlsx");
        using (var file = File.Create(path)) InventoryWorkbookWriter.Write(inventory, file);
        return (path, inventory);
    }

    /// <summary>Every component to one of two approvers, alternately ("component; name; email" lines).</summary>
    public static string TwoApprovers(PositionInventory inventory, string prefix) => string.Join("\n",
        inventory.Positions.Select(p => p.Component).Distinct().Order(StringComparer.Ordinal)
            .Select((c, i) => $"{c}; {prefix} {i % 2}; {prefix.ToLowerInvariant()}{i % 2}@agency.example.gov"));

    public static string OneApprover(PositionInventory inventory, string name, string email) => string.Join("\n",
        inventory.Positions.Select(p => p.Component).Distinct().Order(StringComparer.Ordinal).Select(c => $"{c}; {name}; {email}"));

    /// <summary>
    /// How every flow begins: staff sign in, a generated inventory (by <paramref name="seed"/>) is uploaded with the approvers
    /// <paramref name="approvers"/> names for it, and the cycle starts. Returns the staff page, the cycle id and the inventory.
    /// </summary>
    public static async Task<(IPage Staff, string CycleId, PositionInventory Inventory)> StartAsStaffAsync(BrowserFlow flow, string kind, int seed,
        Func<PositionInventory, string> approvers, (string Name, string Email)? signer = null, bool showErrorsFirst = false)
    {
        var staff = await flow.SignInAsStaffAsync();
        await flow.CheckAsync(staff, "dashboard");
        var (path, inventory) = InventoryFile(seed);
        var cycleId = await StartAsync(flow, staff, kind, path, InventoryGenerator.DefaultAgency, approvers(inventory), signer, showErrorsFirst);
        return (staff, cycleId, inventory);
    }

    /// <summary>Fills and submits the form; returns the new cycle's id from the cycle page it lands on.</summary>
    public static async Task<string> StartAsync(BrowserFlow flow, IPage staff, string kind, string inventoryPath, string agency, string approvers,
        (string Name, string Email)? signer = null, bool showErrorsFirst = false)
    {
        await staff.GotoAsync("/cycles/new");
        await flow.CheckAsync(staff, "new cycle form");
        var start = staff.GetByRole(AriaRole.Button, new() { Name = "Upload and start the cycle" });
        if (showErrorsFirst)
        {
            // No inventory and no people: the page lists what is missing and starts nothing.
            await start.ClickAsync();
            await staff.GetByRole(AriaRole.Alert).First.WaitForAsync();
            await flow.CheckAsync(staff, "new cycle form with errors");
        }
        await staff.GetByLabel("Inventory workbook (.xlsx) or PLUM export (.csv)").SetInputFilesAsync(inventoryPath);
        await staff.GetByLabel("Kind").SelectOptionAsync(kind);
        await staff.GetByLabel("Agency (as the inventory names it)").FillAsync(agency);
        await staff.GetByLabel("CHCO name").FillAsync(ChcoName);
        await staff.GetByLabel("CHCO email").FillAsync(ChcoEmail);
        if (signer is { } s)
        {
            await staff.GetByLabel("Signer name (blank: the CHCO)").FillAsync(s.Name);
            await staff.GetByLabel("Signer email").FillAsync(s.Email);
        }
        await staff.GetByLabel("Approvers, one per line").FillAsync(approvers);
        await start.ClickAsync();
        await staff.WaitForURLAsync(url => url.Contains("/cycles/") && !url.EndsWith("/cycles/new"), new() { Timeout = 60_000 });
        var cycleId = Uri.UnescapeDataString(new Uri(staff.Url).AbsolutePath["/cycles/".Length..]);
        await flow.CheckAsync(staff, "cycle page (just started)");
        flow.Print($"Started cycle {cycleId}");
        return cycleId;
    }
}

using Microsoft.Playwright;
using TestSupport;

namespace Browser.Tests.Support;

/// <summary>The steps the designation flows share: deciding on the approver page, signing off with the confirmation, the OPM message.</summary>
public static class Decisions
{
    public const string Justification = "Impartiality of enforcement decisions requires a career appointee in this position.";
    public const string OpmMessageKey = "submission/opm";

    /// <summary>Decides every position on the page (the first retained when asked, the rest reverted); returns the retained id.</summary>
    public static async Task<string?> DecideAsync(BrowserFlow flow, IPage approver, bool retainFirst)
    {
        await approver.GetByRole(AriaRole.Button, new() { Name = "Record decisions" }).WaitForAsync();
        await flow.CheckAsync(approver, "decision page");
        var ids = await BrowserFlow.PositionIdsAsync(approver);
        Assert.NotEmpty(ids);
        string? retained = null;
        foreach (var id in ids)
        {
            var choices = BrowserFlow.PositionChoices(approver, id);
            if (retainFirst && retained is null)
            {
                retained = id;
                await ChooseAsync(choices, "Request retention as Career Reserved");
                await approver.GetByRole(AriaRole.Textbox, new() { Name = $"Justification for {id}", Exact = true }).FillAsync(Justification);
            }
            else
            {
                await ChooseAsync(choices, "Revert to General");
            }
        }
        await approver.GetByRole(AriaRole.Button, new() { Name = "Record decisions" }).ClickAsync();
        await approver.GetByRole(AriaRole.Heading, new() { Name = "Recorded", Exact = true }).WaitForAsync();
        await flow.CheckAsync(approver, "decisions recorded");
        flow.Print($"Decided {ids.Count} position(s){(retained is null ? "" : $", retained {retained}")}");
        return retained;
    }

    /// <summary>
    /// Clicks a choice's label, as a person does: USWDS draws its own radio and moves the real input off screen, so the
    /// input itself cannot be clicked. Then checks the radio behind the label really is the one chosen.
    /// </summary>
    private static async Task ChooseAsync(ILocator choices, string choice)
    {
        await choices.Locator("label").GetByText(choice, new() { Exact = true }).ClickAsync();
        Assert.True(await choices.GetByRole(AriaRole.Radio, new() { Name = choice }).IsCheckedAsync(), $"Clicking \"{choice}\" did not choose it.");
    }

    /// <summary>
    /// Opens the sign-off message, approves, checks the confirmation page names the package, confirms; returns the file name
    /// the confirmation showed.
    /// </summary>
    public static async Task<string> ApproveWithConfirmationAsync(BrowserFlow flow, IPage staff, string cycleId, string signOffKey)
    {
        await flow.OpenMessageAsync(staff, cycleId, signOffKey);
        await flow.CheckAsync(staff, "outbox message (sign-off request)");
        var signer = await flow.FollowTaskLinkAsync(staff, "Review and sign off");
        await signer.GetByRole(AriaRole.Button, new() { Name = "Approve and submit to OPM" }).WaitForAsync();
        await flow.CheckAsync(signer, "sign-off page");
        var packageLink = signer.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"\.xlsx") });
        var fileName = (await packageLink.First.InnerTextAsync()).Replace("Download", "").Trim();

        await signer.GetByRole(AriaRole.Button, new() { Name = "Approve and submit to OPM" }).ClickAsync();
        await signer.GetByRole(AriaRole.Heading, new() { Name = "Confirm: submit the package to OPM" }).WaitForAsync();
        await flow.CheckAsync(signer, "sign-off confirmation");
        Assert.Contains(fileName, await signer.GetByRole(AriaRole.Main).InnerTextAsync());
        await signer.GetByRole(AriaRole.Button, new() { Name = "Confirm and submit to OPM" }).ClickAsync();
        await signer.GetByRole(AriaRole.Heading, new() { Name = "Recorded", Exact = true }).WaitForAsync();
        await flow.CheckAsync(signer, "sign-off recorded");
        return fileName;
    }

    /// <summary>Waits for the OPM message, opens it and downloads its workbook through the page's link.</summary>
    public static async Task<byte[]> DownloadOpmAttachmentAsync(BrowserFlow flow, IPage staff, string cycleId)
    {
        await flow.OpenMessageAsync(staff, cycleId, OpmMessageKey);
        await flow.CheckAsync(staff, "outbox message (to OPM)");
        var link = staff.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"\.xlsx$") });
        var download = await staff.RunAndWaitForDownloadAsync(() => link.First.ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"{cycleId}-{download.SuggestedFilename}");
        await download.SaveAsAsync(saved);
        var bytes = await File.ReadAllBytesAsync(saved);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        flow.Print($"OPM attachment {download.SuggestedFilename}: {bytes.Length:N0} bytes");
        return bytes;
    }

    public static void AssertRetentionIn(byte[] xlsx, string positionId)
    {
        var sheets = WorkbookCells.Read(xlsx);
        var row = sheets.Values.SelectMany(rows => rows).FirstOrDefault(r => r.Contains(positionId))
            ?? throw new Xunit.Sdk.XunitException($"The report lists no row for {positionId}. Sheets: {string.Join(", ", sheets.Keys)}");
        Assert.Contains(row, cell => cell.Contains("retain", StringComparison.OrdinalIgnoreCase) || cell.Contains("Career Reserved", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(row, cell => cell.Contains(Justification, StringComparison.Ordinal));
    }
}

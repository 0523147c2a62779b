using System.Text;
using SesReview.Domain.Model;
using SesReview.Workbooks.Import;

namespace SesReview.Workbooks.Tests.Support;

/// <summary>
/// A small valid inventory as raw tables (header row first) that a test breaks in one place, then imports as a
/// workbook or as CSV files. Row numbers in expectations are spreadsheet rows: header = 1, first data row = 2.
/// </summary>
internal sealed class InventoryTables
{
    public List<object?[]> Positions { get; } =
    [
        ["PositionId", "Agency", "Component", "Title", "PayPlan", "Location"],
        ["P-001", "DEPARTMENT OF EXAMPLE", "Office of Policy", "Deputy Assistant Secretary for Policy", "ES", "Washington, DC"],
        ["P-002", "DEPARTMENT OF EXAMPLE", "Office of Science", "Senior Scientist for Hydrology", "ST", "Boulder, CO"],
        ["P-003", "DEPARTMENT OF EXAMPLE", "Office of Policy", "Director, Office of Budget", "ES", "Washington, DC"],
    ];

    public List<object?[]> Designations { get; } =
    [
        ["PositionId", "Designation", "EffectiveDate"],
        ["P-001", "GE", "2010-05-01"],
        ["P-001", "CR", "2023-04-02"],
        ["P-003", "CR", "2012-01-09"],
    ];

    public List<object?[]> Incumbencies { get; } =
    [
        ["PositionId", "AppointmentType", "StartDate", "EndDate", "IncumbentName"],
        ["P-001", "NA", "2021-02-01", "2023-03-31", "Pat Doe"],
        ["P-001", "CA", "2023-06-01", null, "Sam Roe"],
        ["P-002", "CA", "2019-09-15", null, null],
    ];

    public List<object?[]> Allocations { get; } =
    [
        ["Component", "PayPlan", "Allocated"],
        ["Office of Policy", "ES", "3"],
        ["Office of Science", "ST", "1"],
    ];

    /// <summary>Sheets left out of the workbook / CSV set.</summary>
    public HashSet<string> Omitted { get; } = [];

    public IEnumerable<(string Name, IReadOnlyList<object?[]> Rows)> Sheets()
    {
        foreach (var (name, rows) in new[]
        {
            ("Positions", Positions), ("DesignationHistory", Designations), ("Incumbencies", Incumbencies), ("Allocations", Allocations),
        })
        {
            if (!Omitted.Contains(name)) yield return (name, rows);
        }
    }

    public byte[] ToXlsx(bool sharedStrings = true) => TestXlsx.Build(Sheets(), sharedStrings);

    public ImportResult<PositionInventory> ImportXlsx(ImportOptions? options = null) =>
        new InventoryWorkbookImporter(options).Import(new MemoryStream(ToXlsx()), "inventory.xlsx");

    public ImportResult<PositionInventory> ImportCsv(ImportOptions? options = null)
    {
        var files = Sheets().ToDictionary(s => s.Name, s => new CsvSource(s.Name + ".csv", new MemoryStream(Csv(s.Rows))));
        return new InventoryCsvImporter(options).Import(
            files.GetValueOrDefault("Positions"), files.GetValueOrDefault("DesignationHistory"),
            files.GetValueOrDefault("Incumbencies"), files.GetValueOrDefault("Allocations"));
    }

    public static byte[] Csv(IEnumerable<object?[]> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.AppendJoin(',', row.Select(v => v switch
            {
                null => "",
                DateOnly d => d.ToString("yyyy-MM-dd"),
                string s when s.IndexOfAny([',', '"', '\n', '\r']) >= 0 => "\"" + s.Replace("\"", "\"\"") + "\"",
                _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
            }));
            sb.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }
}

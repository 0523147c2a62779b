using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Import;

/// <summary>
/// Imports OPM's PLUM export CSV as it comes (UTF-8 with BOM, quoted fields with commas, HTML entities such as
/// <c>&amp;amp;</c>, dates as "3/6/2024 12:00:00 AM" or "03/06/2024 00:00:00") into a <see cref="PositionInventory"/>.
/// </summary>
/// <remarks>
/// <para>Rows whose PaymentPlanDescription is not ES, SL or ST are skipped and counted per pay plan.</para>
/// <para>PLUM has no position number. A position is identified by agency, organization, title, location and
/// pay plan; its id is "PLUM-" + the first 10 hex digits of the SHA-256 of that key + "-" + an ordinal, so it is
/// stable across runs and files. Rows with the same key are the same position when their incumbencies follow
/// one another (e.g. one appointee's two successive terms, or a past incumbent plus the row that shows the
/// position vacant now); rows that cannot be one position (overlapping incumbencies, two current rows) become
/// separate positions, numbered 1, 2, ... in order of their first row.</para>
/// <para>Limitation: PLUM lists only General positions and no designation history. Each ES position gets one
/// GE designation effective <see cref="PlumImportOptions.KnownGeneralAsOf"/>; Career Reserved positions are
/// absent and must come from the agency's own inventory.</para>
/// <para>A row with an IncumbentBeginDate gives an incumbency (begin to vacate date, inclusive; no vacate date =
/// still serving). A filled row without dates gives an incumbency from the snapshot date. Vacant rows give none.</para>
/// </remarks>
public sealed class PlumCsvImporter
{
    private readonly PlumImportOptions _options;

    public PlumCsvImporter(PlumImportOptions options)
    {
        _options = options;
        _options.Limits.Validate();
    }

    public ImportResult<PlumImport> Import(string path)
    {
        var fileName = Path.GetFileName(path);
        var length = new FileInfo(path).Length;
        if (length > _options.Limits.MaxFileBytes)
        {
            return ImportResult<PlumImport>.Failure([FileGuard.TooLarge(fileName, length, _options.Limits.MaxFileBytes)]);
        }
        using var stream = File.OpenRead(path);
        return Import(stream, fileName);
    }

    private sealed record PlumRow(
        int Number, string Key, string Agency, string Organization, string Title, string Location, PayPlan PayPlan,
        AppointmentType? Type, DateOnly? Begin, DateOnly? Vacate, string? Name);

    public ImportResult<PlumImport> Import(Stream content, string fileName)
    {
        var errors = new List<ImportError>();
        var table = CsvTableReader.Read(content, fileName, _options.Limits, errors);
        if (table is null || errors.Count > 0) return ImportResult<PlumImport>.Failure(errors);

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < table.Header.Length; i++)
        {
            var h = table.Header[i]?.Trim();
            if (!string.IsNullOrEmpty(h)) index.TryAdd(h, i);
        }
        foreach (var column in PlumLayout.RequiredColumns.Where(c => !index.ContainsKey(c)))
        {
            errors.Add(table.Error(1, column, null, $"The PLUM column {column} is missing from the header row; is this OPM's PLUM export?"));
        }
        if (errors.Count > 0) return ImportResult<PlumImport>.Failure(errors);

        var skippedByPlan = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byPlan = new SortedDictionary<PayPlan, int>();
        var skippedByAgency = 0;
        var otherAgencies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<PlumRow>(table.Rows.Count);
        var snapshot = _options.UndatedServingSince;

        foreach (var raw in table.Rows)
        {
            string Get(string column) => Decode(raw[index[column]]);

            var planText = Get(PlumLayout.PaymentPlanDescription);
            if (!Codes.TryParsePayPlan(planText, out var plan))
            {
                var key = planText.Length == 0 ? "(blank)" : planText.ToUpperInvariant();
                skippedByPlan[key] = skippedByPlan.GetValueOrDefault(key) + 1;
                continue;
            }
            var agency = Get(PlumLayout.AgencyName);
            if (_options.Agency is not null && !string.Equals(agency, _options.Agency.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                skippedByAgency++;
                if (agency.Length > 0) otherAgencies.Add(agency);
                continue;
            }
            byPlan[plan] = byPlan.GetValueOrDefault(plan) + 1;

            var organization = Get(PlumLayout.OrganizationName);
            var title = Get(PlumLayout.PositionTitle);
            var location = Get(PlumLayout.Location);
            var ok = Require(table, raw, PlumLayout.AgencyName, agency, errors)
                & Require(table, raw, PlumLayout.OrganizationName, organization, errors)
                & Require(table, raw, PlumLayout.PositionTitle, title, errors);
            foreach (var column in LengthChecked)
            {
                var text = Get(column);
                if (FieldLimits.CheckLength(column, text) is not { } tooLong) continue;
                errors.Add(table.Error(raw.Number, column, text, tooLong));
                ok = false;
            }

            var vacant = string.Equals(Get(PlumLayout.PositionStatus), PlumLayout.VacantStatus, StringComparison.OrdinalIgnoreCase);
            var begin = ParseDate(table, raw, PlumLayout.IncumbentBeginDate, Get(PlumLayout.IncumbentBeginDate), errors, ref ok);
            var vacate = ParseDate(table, raw, PlumLayout.IncumbentVacateDate, Get(PlumLayout.IncumbentVacateDate), errors, ref ok);
            if (begin is not null && vacate is not null && vacate < begin)
            {
                errors.Add(table.Error(raw.Number, PlumLayout.IncumbentVacateDate, Get(PlumLayout.IncumbentVacateDate),
                    $"The vacate date {vacate:yyyy-MM-dd} is before the begin date {begin:yyyy-MM-dd}."));
                ok = false;
            }
            if (begin is null && vacate is not null && !vacant)
            {
                errors.Add(table.Error(raw.Number, PlumLayout.IncumbentBeginDate, "",
                    "The row has a vacate date but no begin date, so the incumbency cannot be placed in time."));
                ok = false;
            }

            var hasIncumbency = begin is not null || !vacant;
            AppointmentType? type = null;
            if (hasIncumbency)
            {
                var typeText = Get(PlumLayout.AppointmentTypeDescription);
                if (Codes.TryParseAppointmentType(typeText, out var t)) type = t;
                else
                {
                    errors.Add(table.Error(raw.Number, PlumLayout.AppointmentTypeDescription, typeText,
                        $"'{ErrorEcho.Shorten(typeText)}' is not a known appointment type; expected one of {string.Join(", ", Codes.AppointmentTypeCodes)}."));
                    ok = false;
                }
            }
            if (!ok) continue;

            var name = string.Join(' ', new[] { Get(PlumLayout.IncumbentFirstName), Get(PlumLayout.IncumbentLastName) }.Where(s => s.Length > 0));
            var positionKey = string.Join('|', agency, organization, title, location, plan.ToCode()).ToUpperInvariant();
            rows.Add(new PlumRow(raw.Number, positionKey, agency, organization, title, location, plan,
                type, begin, vacate, name.Length == 0 ? null : name));
        }
        if (errors.Count > 0) return ImportResult<PlumImport>.Failure(errors);
        if (_options.Agency is not null && rows.Count == 0 && otherAgencies.Count > 0)
        {
            // A misspelt agency would otherwise give an empty inventory that looks like an agency without executives.
            return ImportResult<PlumImport>.Failure([new ImportError(fileName, null, null, PlumLayout.AgencyName, _options.Agency.Trim(),
                $"No ES, SL or ST row has the AgencyName '{ErrorEcho.Shorten(_options.Agency.Trim())}'. The closest agency names in the file are " +
                string.Join(", ", ClosestNames.Of(_options.Agency.Trim(), otherAgencies, 3).Select(a => $"'{a}'")) + ".")]);
        }

        var positions = new List<(int FirstRow, Position Position)>();
        var incumbencies = new List<(int Row, Incumbency Incumbency)>();
        var undated = 0;
        foreach (var group in rows.GroupBy(r => r.Key, StringComparer.Ordinal))
        {
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(group.Key)))[..10];
            var slots = AssignToPositions(group.ToList(), snapshot);
            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                var first = slot.Rows.MinBy(r => r.Number)!;
                var id = $"PLUM-{hash}-{s + 1}";
                positions.Add((first.Number, new Position(id, first.Agency, first.Organization, first.Title, first.PayPlan, first.Location)));
                foreach (var r in slot.Rows.Where(r => r.Type is not null))
                {
                    var start = r.Begin ?? snapshot;
                    if (r.Begin is null) undated++;
                    incumbencies.Add((r.Number, new Incumbency(id, r.Type!.Value, start, r.Vacate, r.Name)));
                }
            }
        }
        positions.Sort((a, b) => a.FirstRow.CompareTo(b.FirstRow));
        incumbencies.Sort((a, b) => a.Row.CompareTo(b.Row));

        var designations = positions
            .Where(p => p.Position.PayPlan == PayPlan.ES)
            .Select(p => new DesignationChange(p.Position.PositionId, Designation.General, _options.KnownGeneralAsOf))
            .ToList();
        var inventory = PositionInventory.Create(positions.Select(p => p.Position), designations, incumbencies.Select(i => i.Incumbency));
        var summary = new PlumImportSummary(
            table.Rows.Count, rows.Count, byPlan, skippedByPlan, skippedByAgency,
            positions.Count, incumbencies.Count, undated, designations.Count, snapshot);
        return ImportResult<PlumImport>.Success(new PlumImport(inventory, summary));
    }

    private sealed class Slot
    {
        public List<PlumRow> Rows { get; } = [];
        /// <summary>End of the latest incumbency (MaxValue while one is serving); null when none.</summary>
        public DateOnly? LastEnd { get; set; }
        public bool HasCurrent { get; set; }
    }

    /// <summary>
    /// Splits the rows of one key into positions, first fit: past incumbencies by start date, then current
    /// incumbents, then undated incumbents, then vacant rows. A position holds incumbencies that do not overlap
    /// and at most one current row (a serving incumbent or "vacant now").
    /// </summary>
    private static List<Slot> AssignToPositions(List<PlumRow> rows, DateOnly snapshot)
    {
        var slots = new List<Slot>();
        var ordered = rows
            .OrderBy(r => r.Type is null ? 3 : r.Begin is null ? 2 : r.Vacate is null ? 1 : 0)
            .ThenBy(r => r.Begin ?? snapshot)
            .ThenBy(r => r.Number);
        foreach (var row in ordered)
        {
            var current = row.Vacate is null;
            var start = row.Type is null ? (DateOnly?)null : row.Begin ?? snapshot;
            var slot = slots.FirstOrDefault(s =>
                !(current && s.HasCurrent) && (start is null || s.LastEnd is null || s.LastEnd < start));
            if (slot is null)
            {
                slot = new Slot();
                slots.Add(slot);
            }
            slot.Rows.Add(row);
            if (current) slot.HasCurrent = true;
            if (start is not null) slot.LastEnd = row.Vacate ?? DateOnly.MaxValue;
        }
        slots.Sort((a, b) => a.Rows.Min(r => r.Number).CompareTo(b.Rows.Min(r => r.Number)));
        return slots;
    }

    /// <summary>The free-text PLUM columns whose length <see cref="FieldLimits"/> bounds.</summary>
    private static readonly string[] LengthChecked =
    [
        PlumLayout.AgencyName, PlumLayout.OrganizationName, PlumLayout.PositionTitle, PlumLayout.Location,
        PlumLayout.IncumbentFirstName, PlumLayout.IncumbentLastName,
    ];

    private static string Decode(string? text) =>
        string.IsNullOrEmpty(text) ? "" : WebUtility.HtmlDecode(text).Trim();

    private static bool Require(RawTable table, RawRow row, string column, string value, List<ImportError> errors)
    {
        if (value.Length > 0) return true;
        errors.Add(table.Error(row.Number, column, "", $"{column} is required."));
        return false;
    }

    private static DateOnly? ParseDate(RawTable table, RawRow row, string column, string text, List<ImportError> errors, ref bool ok)
    {
        if (text.Length == 0) return null;
        if (DateTime.TryParseExact(text, PlumLayout.DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dt))
        {
            var date = DateOnly.FromDateTime(dt);
            if (FieldLimits.CheckDate(column, date) is not { } outside) return date;
            errors.Add(table.Error(row.Number, column, text, outside));
            ok = false;
            return null;
        }
        errors.Add(table.Error(row.Number, column, text, $"'{ErrorEcho.Shorten(text)}' is not a date in a PLUM format such as 3/6/2024 12:00:00 AM."));
        ok = false;
        return null;
    }
}

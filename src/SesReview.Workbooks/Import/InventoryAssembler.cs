using SesReview.Domain.Model;
using SesReview.Workbooks.Layouts;

namespace SesReview.Workbooks.Import;

/// <summary>
/// Turns the inventory tables (from a workbook or CSV files) into a <see cref="PositionInventory"/>, checking
/// every row and then the tables against each other. All errors are collected; any error means no inventory.
/// </summary>
internal static class InventoryAssembler
{
    private sealed record Row<T>(T Value, RawTable Table, int Number);

    /// <param name="tables">The raw table of each sheet of <see cref="InventoryLayout.DataSheets"/>; null when absent.</param>
    public static ImportResult<PositionInventory> Assemble(IReadOnlyDictionary<SheetSpec, RawTable?> tables, List<ImportError> errors)
    {
        var bound = new Dictionary<SheetSpec, BoundTable?>();
        foreach (var spec in InventoryLayout.DataSheets)
        {
            tables.TryGetValue(spec, out var raw);
            bound[spec] = raw is null ? null : BoundTable.Bind(raw, spec, errors);
        }

        // Ids of position rows that had errors of their own: references to them are not reported again as unknown.
        var invalidPositionIds = new HashSet<string>(StringComparer.Ordinal);
        var positions = ReadPositions(bound[InventoryLayout.Positions], invalidPositionIds);
        var designations = ReadDesignations(bound[InventoryLayout.DesignationHistory]);
        var incumbencies = ReadIncumbencies(bound[InventoryLayout.Incumbencies], errors);
        var allocations = ReadAllocations(bound[InventoryLayout.Allocations]);

        // Cross-checks need a complete positions table; without it every reference would be reported as unknown.
        if (bound[InventoryLayout.Positions] is not null)
        {
            CheckPositions(positions, invalidPositionIds, designations, incumbencies, errors);
        }
        CheckDesignations(designations, errors);
        CheckIncumbencies(incumbencies, errors);
        CheckAllocations(allocations, errors);

        if (errors.Count > 0) return ImportResult<PositionInventory>.Failure(errors);
        return ImportResult<PositionInventory>.Success(PositionInventory.Create(
            positions.Select(p => p.Value), designations.Select(d => d.Value),
            incumbencies.Select(i => i.Value), allocations.Select(a => a.Value)));
    }

    private static List<Row<Position>> ReadPositions(BoundTable? t, HashSet<string> invalidIds)
    {
        var list = new List<Row<Position>>(t?.Raw.Rows.Count ?? 0);
        if (t is null) return list;
        foreach (var row in t.Raw.Rows)
        {
            var id = t.Text(row, InventoryLayout.PositionsColumns.PositionId);
            var agency = t.Text(row, InventoryLayout.PositionsColumns.Agency);
            var component = t.Text(row, InventoryLayout.PositionsColumns.Component);
            var title = t.Text(row, InventoryLayout.PositionsColumns.Title);
            var planOk = t.TryCode<PayPlan>(row, InventoryLayout.PositionsColumns.PayPlan, Codes.TryParsePayPlan, "pay plan", out var plan);
            var location = t.Text(row, InventoryLayout.PositionsColumns.Location) ?? "";
            if (id is null || agency is null || component is null || title is null || !planOk)
            {
                if (id is not null) invalidIds.Add(id);
                continue;
            }
            list.Add(new(new Position(id, agency, component, title, plan, location), t.Raw, row.Number));
        }
        return list;
    }

    private static List<Row<DesignationChange>> ReadDesignations(BoundTable? t)
    {
        var list = new List<Row<DesignationChange>>(t?.Raw.Rows.Count ?? 0);
        if (t is null) return list;
        foreach (var row in t.Raw.Rows)
        {
            var id = t.Text(row, InventoryLayout.DesignationColumns.PositionId);
            var codeOk = t.TryCode<Designation>(row, InventoryLayout.DesignationColumns.Designation, Codes.TryParseDesignation, "designation", out var designation);
            var dateOk = t.TryDate(row, InventoryLayout.DesignationColumns.EffectiveDate, out var date);
            if (id is null || !codeOk || !dateOk) continue;
            list.Add(new(new DesignationChange(id, designation, date), t.Raw, row.Number));
        }
        return list;
    }

    private static List<Row<Incumbency>> ReadIncumbencies(BoundTable? t, List<ImportError> errors)
    {
        var list = new List<Row<Incumbency>>(t?.Raw.Rows.Count ?? 0);
        if (t is null) return list;
        var endColumn = InventoryLayout.IncumbencyColumns.EndDate;
        foreach (var row in t.Raw.Rows)
        {
            var id = t.Text(row, InventoryLayout.IncumbencyColumns.PositionId);
            var typeOk = t.TryCode<AppointmentType>(row, InventoryLayout.IncumbencyColumns.AppointmentType, Codes.TryParseAppointmentType, "appointment type", out var type);
            var startOk = t.TryDate(row, InventoryLayout.IncumbencyColumns.StartDate, out var start);
            var endText = t.Cell(row, endColumn);
            var endOk = t.TryDate(row, endColumn, out var endDate);
            var name = t.Text(row, InventoryLayout.IncumbencyColumns.IncumbentName);
            if (endText is not null && !endOk) continue;
            DateOnly? end = endOk ? endDate : null;
            if (startOk && end is not null && end.Value < start)
            {
                errors.Add(t.Raw.Error(row.Number, endColumn.Header, endText,
                    $"The end date {end.Value:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}."));
                continue;
            }
            if (id is null || !typeOk || !startOk) continue;
            list.Add(new(new Incumbency(id, type, start, end, name), t.Raw, row.Number));
        }
        return list;
    }

    private static List<Row<Allocation>> ReadAllocations(BoundTable? t)
    {
        var list = new List<Row<Allocation>>(t?.Raw.Rows.Count ?? 0);
        if (t is null) return list;
        foreach (var row in t.Raw.Rows)
        {
            var component = t.Text(row, InventoryLayout.AllocationColumns.Component);
            var planOk = t.TryCode<PayPlan>(row, InventoryLayout.AllocationColumns.PayPlan, Codes.TryParsePayPlan, "pay plan", out var plan);
            var countOk = t.TryCount(row, InventoryLayout.AllocationColumns.Allocated, out var allocated);
            if (component is null || !planOk || !countOk) continue;
            list.Add(new(new Allocation(component, plan, allocated), t.Raw, row.Number));
        }
        return list;
    }

    private static void CheckPositions(
        List<Row<Position>> positions, HashSet<string> invalidIds, List<Row<DesignationChange>> designations, List<Row<Incumbency>> incumbencies, List<ImportError> errors)
    {
        var idColumn = InventoryLayout.PositionsColumns.PositionId.Header;
        var byId = new Dictionary<string, Row<Position>>(positions.Count, StringComparer.Ordinal);
        foreach (var p in positions)
        {
            if (!byId.TryAdd(p.Value.PositionId, p))
            {
                errors.Add(p.Table.Error(p.Number, idColumn, p.Value.PositionId,
                    $"Duplicate position id: row {byId[p.Value.PositionId].Number} has the same id."));
            }
        }

        foreach (var d in designations)
        {
            if (!byId.TryGetValue(d.Value.PositionId, out var p))
            {
                if (invalidIds.Contains(d.Value.PositionId)) continue;
                errors.Add(d.Table.Error(d.Number, InventoryLayout.DesignationColumns.PositionId.Header, d.Value.PositionId,
                    $"No position with id {ErrorEcho.Shorten(d.Value.PositionId)} is on the {InventoryLayout.Positions.Name} sheet."));
            }
            else if (p.Value.PayPlan != PayPlan.ES)
            {
                errors.Add(d.Table.Error(d.Number, InventoryLayout.DesignationColumns.PositionId.Header, d.Value.PositionId,
                    $"Position {d.Value.PositionId} is {p.Value.PayPlan.ToCode()}; only ES positions carry a designation."));
            }
        }

        foreach (var i in incumbencies)
        {
            if (!byId.ContainsKey(i.Value.PositionId) && !invalidIds.Contains(i.Value.PositionId))
            {
                errors.Add(i.Table.Error(i.Number, InventoryLayout.IncumbencyColumns.PositionId.Header, i.Value.PositionId,
                    $"No position with id {ErrorEcho.Shorten(i.Value.PositionId)} is on the {InventoryLayout.Positions.Name} sheet."));
            }
        }
    }

    private static void CheckDesignations(List<Row<DesignationChange>> designations, List<ImportError> errors)
    {
        var seen = new Dictionary<(string, DateOnly), int>(designations.Count);
        foreach (var d in designations)
        {
            if (!seen.TryAdd((d.Value.PositionId, d.Value.EffectiveDate), d.Number))
            {
                errors.Add(d.Table.Error(d.Number, InventoryLayout.DesignationColumns.EffectiveDate.Header, d.Value.EffectiveDate.ToString("yyyy-MM-dd"),
                    $"Duplicate designation change: row {seen[(d.Value.PositionId, d.Value.EffectiveDate)]} already gives position {d.Value.PositionId} a designation effective that day."));
            }
        }
    }

    private static void CheckIncumbencies(List<Row<Incumbency>> incumbencies, List<ImportError> errors)
    {
        var startColumn = InventoryLayout.IncumbencyColumns.StartDate.Header;
        foreach (var group in incumbencies.GroupBy(i => i.Value.PositionId, StringComparer.Ordinal))
        {
            Row<Incumbency>? latest = null; // the incumbency seen so far that ends last
            foreach (var i in group.OrderBy(i => i.Value.Start).ThenBy(i => i.Number))
            {
                if (latest is not null && (latest.Value.End is null || latest.Value.End.Value >= i.Value.Start))
                {
                    var l = latest.Value;
                    errors.Add(i.Table.Error(i.Number, startColumn, i.Value.Start.ToString("yyyy-MM-dd"),
                        $"Overlaps the incumbency of position {i.Value.PositionId} on row {latest.Number} " +
                        $"({l.Start:yyyy-MM-dd} to {(l.End is null ? "still serving" : l.End.Value.ToString("yyyy-MM-dd"))}); " +
                        "a position has one incumbent at a time (both dates are inclusive)."));
                }
                if (latest is null || latest.Value.End is not null && (i.Value.End is null || i.Value.End > latest.Value.End))
                {
                    latest = i;
                }
            }
        }
    }

    private static void CheckAllocations(List<Row<Allocation>> allocations, List<ImportError> errors)
    {
        var seen = new Dictionary<(string, PayPlan), int>();
        foreach (var a in allocations)
        {
            if (!seen.TryAdd((a.Value.Component, a.Value.PayPlan), a.Number))
            {
                errors.Add(a.Table.Error(a.Number, InventoryLayout.AllocationColumns.Component.Header, a.Value.Component,
                    $"Duplicate allocation: row {seen[(a.Value.Component, a.Value.PayPlan)]} already gives {ErrorEcho.Shorten(a.Value.Component)} an {a.Value.PayPlan.ToCode()} allocation."));
            }
        }
    }
}

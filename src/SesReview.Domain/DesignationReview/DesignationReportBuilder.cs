using SesReview.Domain.Model;

namespace SesReview.Domain.DesignationReview;

/// <summary>Builds the agency's report to OPM from assessments and approvers' decisions.</summary>
public static class DesignationReportBuilder
{
    /// <summary>
    /// The report of one agency: every identified position (still-General ones too), in ordinal position-id
    /// order, each with its designation history and the latest decision made on it (by <see cref="PositionDecision.DecidedAt"/>).
    /// Assessments of positions of other agencies, or unknown to the inventory, are ignored.
    /// </summary>
    public static DesignationReport Build(
        string agency,
        PositionInventory inventory,
        IEnumerable<DesignationAssessment> assessments,
        IEnumerable<PositionDecision> decisions,
        DateOnly memoDate,
        DateOnly dueDate)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var positions = inventory.Positions
            .Where(p => string.Equals(p.Agency, agency, StringComparison.Ordinal))
            .ToDictionary(p => p.PositionId, StringComparer.Ordinal);
        var latestDecision = decisions
            .GroupBy(d => d.PositionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(d => d.DecidedAt)!, StringComparer.Ordinal);

        var reviewed = 0;
        var entries = new List<DesignationReportEntry>();
        foreach (var assessment in assessments)
        {
            if (!positions.TryGetValue(assessment.PositionId, out var position))
            {
                continue;
            }
            reviewed++;
            if (assessment.Identified)
            {
                entries.Add(new DesignationReportEntry(
                    position,
                    assessment,
                    [.. inventory.DesignationHistoryOf(position.PositionId)],
                    latestDecision.GetValueOrDefault(position.PositionId)));
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Position.PositionId, b.Position.PositionId));
        return new DesignationReport(agency, memoDate, dueDate, reviewed, entries);
    }
}

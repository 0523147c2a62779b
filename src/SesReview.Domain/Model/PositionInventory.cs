namespace SesReview.Domain.Model;

/// <summary>
/// The data an agency loads to start a cycle. Construct through <see cref="Create"/> only after validation
/// (the importers validate); lookups by position id are built once.
/// </summary>
public sealed class PositionInventory
{
    private readonly ILookup<string, DesignationChange> _designationsByPosition;
    private readonly ILookup<string, Incumbency> _incumbenciesByPosition;

    private PositionInventory(
        IReadOnlyList<Position> positions,
        IReadOnlyList<DesignationChange> designations,
        IReadOnlyList<Incumbency> incumbencies,
        IReadOnlyList<Allocation> allocations)
    {
        Positions = positions;
        Designations = designations;
        Incumbencies = incumbencies;
        Allocations = allocations;
        _designationsByPosition = designations.ToLookup(d => d.PositionId, StringComparer.Ordinal);
        _incumbenciesByPosition = incumbencies.ToLookup(i => i.PositionId, StringComparer.Ordinal);
    }

    public IReadOnlyList<Position> Positions { get; }
    public IReadOnlyList<DesignationChange> Designations { get; }
    public IReadOnlyList<Incumbency> Incumbencies { get; }

    /// <summary>Allocations per component and pay plan; empty when the inventory carries none.</summary>
    public IReadOnlyList<Allocation> Allocations { get; }

    public static PositionInventory Create(
        IEnumerable<Position> positions,
        IEnumerable<DesignationChange> designations,
        IEnumerable<Incumbency> incumbencies,
        IEnumerable<Allocation>? allocations = null) =>
        new([.. positions], [.. designations], [.. incumbencies], [.. allocations ?? []]);

    /// <summary>Designation changes of one position, oldest first.</summary>
    public IEnumerable<DesignationChange> DesignationHistoryOf(string positionId) =>
        _designationsByPosition[positionId].OrderBy(d => d.EffectiveDate);

    /// <summary>Incumbencies of one position, oldest first.</summary>
    public IEnumerable<Incumbency> IncumbenciesOf(string positionId) =>
        _incumbenciesByPosition[positionId].OrderBy(i => i.Start);
}

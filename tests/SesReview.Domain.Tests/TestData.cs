using SesReview.Domain.Model;

namespace SesReview.Domain.Tests;

/// <summary>Small hand-built inventories for boundary tests.</summary>
internal static class TestData
{
    public const string Agency = "DEPARTMENT OF EXAMPLE";

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static Position Es(string id, string component = "Office of Policy", string agency = Agency) =>
        new(id, agency, component, $"Director {id}", PayPlan.ES, "Washington, DC");

    public static DesignationChange Ge(string id, string on) => new(id, Designation.General, D(on));

    public static DesignationChange Cr(string id, string on) => new(id, Designation.CareerReserved, D(on));

    public static Incumbency Na(string id, string start, string? end) => new(id, AppointmentType.NA, D(start), end is null ? null : D(end), "Pat Noncareer");

    public static Incumbency Ca(string id, string start, string? end, string name = "Chris Career") => new(id, AppointmentType.CA, D(start), end is null ? null : D(end), name);
}

/// <summary>Builds a <see cref="PositionInventory"/> fluently.</summary>
internal sealed class InventoryBuilder
{
    private readonly List<Position> _positions = [];
    private readonly List<DesignationChange> _designations = [];
    private readonly List<Incumbency> _incumbencies = [];
    private readonly List<Allocation> _allocations = [];

    public InventoryBuilder Position(Position p, params object[] history)
    {
        _positions.Add(p);
        foreach (var item in history)
        {
            switch (item)
            {
                case DesignationChange d: _designations.Add(d); break;
                case Incumbency i: _incumbencies.Add(i); break;
                default: throw new ArgumentException(item.GetType().Name);
            }
        }
        return this;
    }

    public InventoryBuilder Allocation(string component, PayPlan plan, int allocated)
    {
        _allocations.Add(new Allocation(component, plan, allocated));
        return this;
    }

    public PositionInventory Build() => PositionInventory.Create(_positions, _designations, _incumbencies, _allocations);
}

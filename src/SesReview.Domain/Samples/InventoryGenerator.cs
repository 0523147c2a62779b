using SesReview.Domain.Model;

namespace SesReview.Domain.Samples;

/// <summary>
/// Seeded, deterministic generator of realistic position inventories for tests, demos and benchmarks: the same
/// arguments give the same inventory on every run and machine (it uses only <see cref="Random"/> with a seed and
/// never iterates hashed collections). Shares follow DOMAIN.md: 85% ES (about half Career Reserved now), 9% SL,
/// 6% ST; components of 20–150 positions; mostly Washington, DC; about 7% of ES redesignated General → Career
/// Reserved after 2021-01-19; incumbencies from the early 2010s to <see cref="ReferenceDate"/>, mostly career
/// appointees, noncareer (NA) ones only in General positions and mostly leaving at an inauguration, some vacant
/// gaps and about one position in ten vacant on <see cref="ReferenceDate"/>. Allocations are positions plus 0–2.
/// 12,000 positions take a few tens of milliseconds.
/// </summary>
public static class InventoryGenerator
{
    /// <summary>"Today" of generated data: incumbencies running past it have no end date.</summary>
    public static readonly DateOnly ReferenceDate = new(2025, 12, 1);

    public const string DefaultAgency = "DEPARTMENT OF EXAMPLE";

    public const decimal EsShare = 0.85m;
    public const decimal SlShare = 0.09m;

    private static readonly DateOnly[] Inaugurations = [new(2013, 1, 20), new(2017, 1, 20), new(2021, 1, 20), new(2025, 1, 20), new(2029, 1, 20)];

    /// <summary>One agency of <paramref name="positionCount"/> positions, ids "EX-000001" upward.</summary>
    public static PositionInventory Generate(int positionCount, int seed, string agency = DefaultAgency)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positionCount);
        ArgumentException.ThrowIfNullOrWhiteSpace(agency);
        var builder = new Builder(seed, positionCount);
        builder.AddAgency(agency, positionCount, Acronym(agency));
        return builder.Build();
    }

    /// <summary>
    /// A government-wide inventory: <paramref name="positionCount"/> positions spread over <paramref name="agencyCount"/>
    /// agencies of very different sizes (the largest holds about a tenth of the positions, the smallest a handful).
    /// Component names are unique across the inventory (see <see cref="AllocationReview.AllocationCalculator"/>).
    /// </summary>
    public static PositionInventory Generate(int positionCount, int seed, int agencyCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positionCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(agencyCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(agencyCount, Math.Max(1, positionCount));
        var sizes = AgencySizes(positionCount, agencyCount);
        var builder = new Builder(seed, positionCount);
        for (var i = 0; i < agencyCount; i++)
        {
            var (name, acronym) = AgencyName(i);
            builder.AddAgency(name, sizes[i], acronym);
        }
        return builder.Build();
    }

    /// <summary>Names of the agencies <see cref="Generate(int,int,int)"/> produces, largest first.</summary>
    public static IReadOnlyList<string> AgencyNames(int agencyCount) =>
        [.. Enumerable.Range(0, agencyCount).Select(i => AgencyName(i).Name)];

    private static int[] AgencySizes(int total, int count)
    {
        // Weights 1/(i+3): with 75 agencies and 12,000 positions the largest has about 1,150, the smallest about 45.
        var weights = Enumerable.Range(0, count).Select(i => 1.0 / (i + 3)).ToArray();
        var sum = weights.Sum();
        var sizes = weights.Select(w => Math.Max(1, (int)Math.Floor(total * w / sum))).ToArray();
        var diff = total - sizes.Sum();
        for (var i = 0; diff != 0; i = (i + 1) % count)
        {
            if (diff > 0) { sizes[i]++; diff--; }
            else if (sizes[i] > 1) { sizes[i]--; diff++; }
        }
        return sizes;
    }

    private static (string Name, string Acronym) AgencyName(int index)
    {
        string[] departments = ["EXAMPLE", "HARBORS AND WATERWAYS", "PUBLIC RECORDS", "RURAL AFFAIRS", "WEATHER SERVICES", "STANDARDS",
            "INFRASTRUCTURE", "ENERGY RESEARCH", "VETERANS SUPPORT", "TRADE AND EXPORTS", "WATER RESOURCES", "CIVIL AVIATION",
            "PUBLIC HEALTH SERVICES", "CONSUMER PROTECTION", "SPACE SCIENCE"];
        string[] others = ["NATIONAL ARCHIVE OF EXAMPLES", "FEDERAL GRANTS", "SMALL ENTERPRISE", "NUCLEAR SAFETY", "MARITIME", "ELECTIONS",
            "RAILROAD RETIREMENT", "PATENT APPEALS", "FISHERIES", "COASTAL COMMERCE", "HOUSING FINANCE", "EMPLOYMENT SECURITY"];
        string[] kinds = ["COMMISSION", "BOARD", "AGENCY", "ADMINISTRATION", "AUTHORITY", "CORPORATION"];
        if (index < departments.Length)
        {
            var dept = $"DEPARTMENT OF {departments[index]}";
            return (dept, Acronym(dept));
        }
        var k = index - departments.Length;
        var name = $"{others[k % others.Length]} {kinds[(k / others.Length) % kinds.Length]}";
        if (k >= others.Length * kinds.Length)
        {
            name += $" {(k / (others.Length * kinds.Length)) + 1}";
        }
        return (name, Acronym(name));
    }

    private static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("OF" or "AND" or "THE"))
            .Select(w => char.IsDigit(w[0]) ? w : w[..1]));

    private sealed class Builder(int seed, int capacity)
    {
        private static readonly string[] Areas =
        [
            "Policy", "Management", "Operations", "Budget", "Legislative Affairs", "Field Operations", "Program Integrity",
            "Acquisition", "Human Capital", "Information Technology", "Cybersecurity", "Enforcement", "Research", "Grants",
            "International Affairs", "Regulatory Affairs", "Planning and Evaluation", "Civil Rights", "Communications",
            "Security", "Facilities", "Risk Management", "Data and Analytics", "Emergency Management", "Audits",
            "Investigations", "Public Engagement", "Small Business", "Tribal Relations", "Performance Improvement",
        ];

        private static readonly string[] Fields =
        [
            "Atmospheric Chemistry", "Hydrology", "Materials Science", "Epidemiology", "Computational Modeling", "Geophysics",
            "Toxicology", "Aeronautics", "Statistics", "Marine Biology", "Nuclear Physics", "Soil Science", "Cryptography",
            "Biomedical Engineering", "Climate Science", "Economics",
        ];

        private static readonly string[] ComponentStems =
        [
            "Office of the Secretary", "Office of the Chief Financial Officer", "Office of the General Counsel",
            "Office of Inspector General", "Office of the Chief Information Officer", "Office of Policy",
            "Office of Management", "Office of Science", "Office of Field Operations", "Office of Civil Rights",
            "Bureau of Standards and Measures", "Bureau of Program Integrity", "Bureau of Statistics",
            "Administration for Community Services", "Administration for Grants Management", "Office of Enforcement",
            "Office of Research and Development", "Office of Acquisition Management", "Office of Human Capital",
            "Office of Security and Emergency Preparedness", "Office of International Affairs", "Office of Hearings and Appeals",
            "Office of Regulatory Affairs", "Office of Public Engagement", "Office of Facilities and Logistics",
            "Service for Technical Assistance", "Office of Data and Analytics", "Bureau of Regional Operations",
        ];

        private static readonly string[] Regions = ["Northeast", "Southeast", "Midwest", "Mountain", "Pacific", "Southwest", "Central", "Northwest"];

        private static readonly string[] OtherLocations =
        [
            "Denver, CO", "Atlanta, GA", "Chicago, IL", "Seattle, WA", "Kansas City, MO", "Boston, MA", "San Francisco, CA",
            "Dallas, TX", "Philadelphia, PA", "Albuquerque, NM", "Suitland, MD", "Baltimore, MD", "Research Triangle Park, NC",
            "Boulder, CO", "Oak Ridge, TN", "Arlington, VA",
        ];

        private static readonly string[] FirstNames =
        [
            "Maria", "James", "Linda", "Robert", "Patricia", "Michael", "Jennifer", "David", "Elizabeth", "William", "Susan",
            "Richard", "Karen", "Joseph", "Nancy", "Thomas", "Lisa", "Charles", "Angela", "Daniel", "Aisha", "Kevin", "Mei",
            "Carlos", "Priya", "Andre", "Fatima", "Hiroshi", "Grace", "Samuel", "Olivia", "Luis",
        ];

        private static readonly string[] LastNames =
        [
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
            "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
            "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Nguyen", "Patel", "Kim", "Chen",
            "Okafor", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        ];

        private readonly Random _rng = new(seed);
        private readonly List<Position> _positions = new(capacity);
        private readonly List<DesignationChange> _designations = new(capacity * 2);
        private readonly List<Incumbency> _incumbencies = new(capacity * 4);
        private readonly List<Allocation> _allocations = [];
        private readonly HashSet<string> _componentNames = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<DesignationChange> _history = new(4);
        private int _nextId = 1;

        public PositionInventory Build() => PositionInventory.Create(_positions, _designations, _incumbencies, _allocations);

        public void AddAgency(string agency, int count, string acronym)
        {
            var plans = PayPlans(count);
            var index = 0;
            var stem = _rng.Next(ComponentStems.Length);
            while (index < count)
            {
                var remaining = count - index;
                var size = remaining <= 150 ? remaining : _rng.Next(20, 151);
                if (remaining - size is > 0 and < 20)
                {
                    size = remaining - 20;
                }
                var component = ComponentName(stem++, acronym);
                int es = 0, sl = 0, st = 0;
                for (var k = 0; k < size; k++, index++)
                {
                    var plan = plans[index];
                    switch (plan)
                    {
                        case PayPlan.ES: es++; break;
                        case PayPlan.SL: sl++; break;
                        default: st++; break;
                    }
                    AddPosition(agency, component, plan);
                }
                AddAllocation(component, PayPlan.ES, es);
                AddAllocation(component, PayPlan.SL, sl);
                AddAllocation(component, PayPlan.ST, st);
            }
        }

        private PayPlan[] PayPlans(int count)
        {
            var es = (int)Math.Round(count * EsShare, MidpointRounding.AwayFromZero);
            var sl = Math.Min(count - es, (int)Math.Round(count * SlShare, MidpointRounding.AwayFromZero));
            var plans = new PayPlan[count];
            for (var i = 0; i < count; i++)
            {
                plans[i] = i < es ? PayPlan.ES : i < es + sl ? PayPlan.SL : PayPlan.ST;
            }
            _rng.Shuffle(plans);
            return plans;
        }

        private string ComponentName(int stemIndex, string acronym)
        {
            var round = stemIndex / ComponentStems.Length;
            var baseName = ComponentStems[stemIndex % ComponentStems.Length];
            var name = round == 0 ? baseName : $"{baseName}, {Regions[(round - 1) % Regions.Length]} Region";
            if (round > Regions.Length)
            {
                name += $" {round}";
            }
            if (!_componentNames.Add(name))
            {
                name = $"{name} ({acronym})";
                var n = 2;
                while (!_componentNames.Add(name))
                {
                    name = $"{name} {n++}";
                }
            }
            return name;
        }

        private void AddAllocation(string component, PayPlan plan, int positions)
        {
            if (positions == 0)
            {
                return;
            }
            var u = _rng.NextDouble();
            var slack = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
            _allocations.Add(new Allocation(component, plan, positions + slack));
        }

        private void AddPosition(string agency, string component, PayPlan plan)
        {
            var id = $"EX-{_nextId++:D6}";
            var location = _rng.NextDouble() < 0.8 ? "Washington, DC" : OtherLocations[_rng.Next(OtherLocations.Length)];
            _positions.Add(new Position(id, agency, component, Title(plan), plan, location));
            _history.Clear();
            if (plan == PayPlan.ES)
            {
                DesignationHistory(id);
                _designations.AddRange(_history);
            }
            Incumbencies(id);
        }

        private string Title(PayPlan plan)
        {
            string area = Areas[_rng.Next(Areas.Length)];
            return plan switch
            {
                PayPlan.ES => _rng.Next(10) switch
                {
                    0 => $"Deputy Assistant Secretary for {area}",
                    1 => $"Associate Administrator for {area}",
                    2 => $"Deputy Director for {area}",
                    3 => $"Regional Administrator, {Regions[_rng.Next(Regions.Length)]} Region",
                    4 => $"Assistant Inspector General for {area}",
                    5 => $"Chief, {area} Division",
                    6 => $"Executive Director, {area}",
                    7 => $"Deputy General Counsel for {area}",
                    _ => $"Director, Office of {area}",
                },
                PayPlan.SL => _rng.Next(4) switch
                {
                    0 => $"Senior Counsel for {area}",
                    1 => $"Senior Policy Advisor, {area}",
                    2 => $"Senior Economist, {area}",
                    _ => $"Senior Advisor for {area}",
                },
                _ => _rng.Next(4) switch
                {
                    0 => $"Chief Scientist, {Fields[_rng.Next(Fields.Length)]}",
                    1 => $"Senior Research Scientist ({Fields[_rng.Next(Fields.Length)]})",
                    2 => $"Senior Technical Expert, {Fields[_rng.Next(Fields.Length)]}",
                    _ => $"Senior Scientist for {Fields[_rng.Next(Fields.Length)]}",
                },
            };
        }

        private DateOnly RandomDate(DateOnly first, DateOnly last) =>
            DateOnly.FromDayNumber(first.DayNumber + _rng.Next(last.DayNumber - first.DayNumber + 1));

        private void DesignationHistory(string id)
        {
            var established = RandomDate(new(2004, 1, 1), new(2014, 12, 31));
            var u = _rng.NextDouble();
            if (u < 0.43)
            {
                Add(Designation.CareerReserved, established);
            }
            else if (u < 0.50)
            {
                // General on the cutoff, redesignated CR during the prior administration: the memo's revert case.
                Add(Designation.General, established);
                Add(Designation.CareerReserved, RandomDate(new(2021, 1, 20), new(2024, 12, 31)));
            }
            else if (u < 0.52)
            {
                Add(Designation.General, established);
                Add(Designation.CareerReserved, RandomDate(new(2015, 1, 1), new(2020, 12, 31)));
            }
            else if (u < 0.53)
            {
                Add(Designation.CareerReserved, established);
                Add(Designation.General, RandomDate(new(2021, 2, 1), new(2022, 6, 30)));
            }
            else if (u < 0.535)
            {
                Add(Designation.CareerReserved, established);
                Add(Designation.General, new(2021, 1, 19));
            }
            else if (u < 0.54)
            {
                Add(Designation.CareerReserved, established);
                Add(Designation.General, new(2021, 1, 20));
            }
            else
            {
                Add(Designation.General, established);
            }

            void Add(Designation d, DateOnly on) => _history.Add(new DesignationChange(id, d, on));
        }

        private Designation? DesignationOn(DateOnly day)
        {
            Designation? d = null;
            foreach (var change in _history)
            {
                if (change.EffectiveDate > day) break;
                d = change.Designation;
            }
            return d;
        }

        private DateOnly? NextCareerReservedAfter(DateOnly day)
        {
            foreach (var change in _history)
            {
                if (change.EffectiveDate > day && change.Designation == Designation.CareerReserved) return change.EffectiveDate;
            }
            return null;
        }

        private void Incumbencies(string id)
        {
            var cursor = RandomDate(new(2011, 1, 1), new(2015, 6, 30));
            while (cursor <= ReferenceDate)
            {
                var general = _history.Count == 0 || DesignationOn(cursor) == Designation.General;
                var type = AppointmentType.CA;
                if (general)
                {
                    var u = _rng.NextDouble();
                    type = u < 0.72 ? AppointmentType.CA
                        : u < 0.88 ? AppointmentType.NA
                        : u < 0.95 ? AppointmentType.TA
                        : u < 0.97 ? AppointmentType.EA
                        : AppointmentType.CA;
                    if (_history.Count == 0 && type == AppointmentType.NA)
                    {
                        type = AppointmentType.CA; // SL/ST are not SES: no noncareer appointees
                    }
                }
                var length = type switch
                {
                    AppointmentType.NA => _rng.Next(365, 1461),
                    AppointmentType.TA => _rng.Next(365, 1096),
                    AppointmentType.EA => _rng.Next(90, 548),
                    _ => _rng.Next(730, 2921),
                };
                var end = cursor.AddDays(length - 1);
                if (type == AppointmentType.NA)
                {
                    // Political appointees mostly leave when the administration changes.
                    var next = Inaugurations.First(d => d > cursor);
                    if (end >= next || _rng.NextDouble() < 0.6)
                    {
                        end = next.AddDays(-1);
                    }
                }
                if (type != AppointmentType.CA && NextCareerReservedAfter(cursor) is { } cr && cr <= end)
                {
                    end = cr.AddDays(-1); // only career appointees may hold a Career Reserved position
                }
                var name = $"{FirstNames[_rng.Next(FirstNames.Length)]} {LastNames[_rng.Next(LastNames.Length)]}";
                if (end >= ReferenceDate)
                {
                    _incumbencies.Add(new Incumbency(id, type, cursor, null, name));
                    return;
                }
                _incumbencies.Add(new Incumbency(id, type, cursor, end, name));
                var gap = _rng.NextDouble() < 0.45 ? 0 : _rng.Next(14, 401);
                cursor = end.AddDays(1 + gap);
            }
        }
    }
}

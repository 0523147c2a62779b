namespace Durable.AzureStorage.Internal;

/// <summary>Names of a task hub's tables, queues and container (lowercase hub name prefix).</summary>
internal sealed class TaskHubLayout(string taskHubName, int partitionCount)
{
    private readonly string _hub = taskHubName.ToLowerInvariant();

    public string HistoryTable => _hub + "History";
    public string InstancesTable => _hub + "Instances";
    public string LeasesTable => _hub + "Leases";
    public string ControlQueue(int partition) => $"{_hub}-control-{partition:D2}";
    public string WorkItemQueue => _hub + "-workitems";
    public string PoisonQueue => _hub + "-poison";
    public string LargeMessageContainer => _hub + "-largemessages";
    public int PartitionCount => partitionCount;

    /// <summary>Control-queue partition of an instance: FNV-1a (32-bit) of the UTF-8 id, modulo the partition count. Stable across processes.</summary>
    public int PartitionOf(string instanceId)
    {
        uint hash = 2166136261;
        foreach (byte b in System.Text.Encoding.UTF8.GetBytes(instanceId))
        {
            hash ^= b;
            hash *= 16777619;
        }
        return (int)(hash % (uint)partitionCount);
    }
}

/// <summary>
/// Makes an instance id safe as a table key or blob-name segment: '%', '/', '\', '#', '?' and control characters become
/// %XX escapes. Escaping is per character, so the encoding of a prefix is a prefix of the encoding (prefix queries work).
/// </summary>
internal static class KeyEncoder
{
    public static string Encode(string value)
    {
        if (!value.Any(NeedsEscape)) return value;
        var sb = new System.Text.StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (NeedsEscape(c)) sb.Append('%').Append(((int)c).ToString(c > 0xFF ? "X4" : "X2"));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);
}

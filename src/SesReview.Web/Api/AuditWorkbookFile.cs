using SesReview.Workbooks.Export;
using SesReview.Workflows.Audit;

namespace SesReview.Web.Api;

/// <summary>A cycle's audit trail as an .xlsx file.</summary>
internal static class AuditWorkbookFile
{
    public static byte[] Build(IEnumerable<AuditEntry> entries)
    {
        using var stream = new MemoryStream();
        AuditWorkbookWriter.Write(entries.Select(e => new AuditRow(e.At, e.Kind, e.Actor, e.Channel, e.SourceAddress, e.Detail)), stream);
        return stream.ToArray();
    }
}

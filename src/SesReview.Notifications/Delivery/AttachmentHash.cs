using System.Security.Cryptography;
using System.Text;

namespace SesReview.Notifications.Delivery;

/// <summary>The hash recorded in <see cref="SendReceipt.AttachmentSha256"/> (see there for the rule).</summary>
public static class AttachmentHash
{
    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string? Compute(IReadOnlyList<NotificationAttachment> attachments)
    {
        if (attachments.Count == 0) return null;
        if (attachments.Count == 1) return Sha256Hex(attachments[0].Content);
        var lines = new StringBuilder();
        foreach (var a in attachments) lines.Append(a.FileName).Append(':').Append(Sha256Hex(a.Content)).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}

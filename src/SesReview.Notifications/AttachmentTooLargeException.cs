namespace SesReview.Notifications;

/// <summary>An attachment is larger than can be sent inline. Permanent: retrying does not help.</summary>
public sealed class AttachmentTooLargeException(string fileName, long size, long limit)
    : ArgumentException(
        $"Attachment '{fileName}' is {size:N0} bytes; attachments larger than {limit:N0} bytes (3 MB) cannot be sent inline " +
        "and upload sessions are not implemented.")
{
    public string FileName { get; } = fileName;
    public long Size { get; } = size;
    public long Limit { get; } = limit;
}

namespace SesReview.Workflows.Inventory;

/// <summary>Where one kind of upload is kept (see <see cref="StoredUploads{TRecord, TParsed}"/>).</summary>
/// <param name="Table">The table of summary records.</param>
/// <param name="Partition">The records' partition key.</param>
/// <param name="Container">The blob container of the original files.</param>
/// <param name="FileName">The blob name of a file under its upload id.</param>
/// <param name="ContentType">The blob content type.</param>
/// <param name="Kind">How errors name the upload, e.g. "inventory upload".</param>
internal sealed record UploadStorageNames(string Table, string Partition, string Container, string FileName, string ContentType, string Kind);

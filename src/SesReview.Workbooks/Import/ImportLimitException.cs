namespace SesReview.Workbooks.Import;

/// <summary>
/// Thrown from deep inside a reader when the file exceeds one of the <see cref="ImportOptions"/> limits, so reading
/// stops at once; the importer turns it into its <see cref="Error"/>.
/// </summary>
internal sealed class ImportLimitException(ImportError error) : Exception(error.Message)
{
    public ImportError Error { get; } = error;
}

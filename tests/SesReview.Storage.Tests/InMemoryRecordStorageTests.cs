namespace SesReview.Storage.Tests;

public sealed class InMemoryRecordStorageTests : RecordStorageContract
{
    protected override IRecordStorage Storage { get; } = new InMemoryRecordStorage();
}

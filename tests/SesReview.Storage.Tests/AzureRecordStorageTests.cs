using Azure.Data.Tables;

namespace SesReview.Storage.Tests;

/// <summary>
/// The contract on a real Azurite (one per class; a wrapper per test, as the app has one per process), plus what only
/// the Azure implementation has to show.
/// </summary>
public sealed class AzureRecordStorageTests(AzuriteFixture fixture) : RecordStorageContract, IClassFixture<AzuriteFixture>
{
    private readonly AzureRecordStorage _storage = new(fixture.Azurite.ConnectionString);

    protected override IRecordStorage Storage => _storage;

    [Fact]
    public async Task A_long_document_is_stored_as_chunks_of_at_most_30000_characters()
    {
        string json = Document(75_000);
        await _storage.Table("Chunked").UpsertAsync("p", "r", json);

        var raw = await _storage.Account.GetTableAsync("Chunked");
        TableEntity entity = (await raw.GetEntityAsync<TableEntity>("p", "r")).Value;
        int chunks = (json.Length + 29_999) / 30_000;
        Assert.Equal(chunks, entity.GetInt32("Chunks"));
        Assert.All(Enumerable.Range(0, chunks), i => Assert.InRange(entity.GetString($"J{i}")!.Length, 1, 30_000));
        Assert.Equal(json, string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString($"J{i}"))));
    }

    [Fact]
    public async Task A_blob_larger_than_one_upload_block_round_trips()
    {
        var content = new byte[(2 * StorageClientOptions.BlobBlockBytes) + 12_345];
        new Random(7).NextBytes(content);

        await _storage.Blobs("large").PutAsync("package.xlsx", content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        Assert.Equal(content, await _storage.Blobs("large").GetAsync("package.xlsx"));
    }

    [Fact]
    public async Task Tables_and_containers_are_created_on_first_use_by_any_call()
    {
        Assert.Null(await _storage.Table("NeverWritten").GetAsync("p", "r"));
        Assert.Empty(await _storage.Table("NeverWrittenEither").ListAsync("p"));
        Assert.Null(await _storage.Blobs("never-written-either").GetAsync("x"));
    }
}

using System.Text;

namespace SesReview.Storage.Tests;

/// <summary>
/// What every <see cref="IRecordStorage"/> guarantees, run against Azure (on Azurite) and against memory so that unit
/// tests on the in-memory one see the same behaviour as the app.
/// </summary>
public abstract class RecordStorageContract
{
    protected abstract IRecordStorage Storage { get; }

    /// <summary>A JSON document of at least <paramref name="chars"/> characters, with non-ASCII text in it.</summary>
    protected static string Document(int chars)
    {
        var text = new StringBuilder(chars);
        for (int i = 0; text.Length < chars; i++) text.Append(i % 7 == 0 ? "é" : "x").Append(i % 10);
        return $"{{\"text\":\"{text}\"}}";
    }

    [Fact]
    public async Task A_document_longer_than_one_string_property_round_trips()
    {
        var table = Storage.Table("Documents");
        string json = Document(75_000);

        await table.UpsertAsync("p", "long", json);
        Assert.True(await table.TryInsertAsync("p", "inserted", json));

        Assert.Equal(json, (await table.GetAsync("p", "long"))!.Json);
        Assert.Equal([json, json], (await table.ListAsync("p")).Select(r => r.Json));
    }

    [Fact]
    public async Task Row_keys_and_key_ranges_follow_the_list_order_of_their_partition_only()
    {
        var table = Storage.Table("Ranges");
        foreach (var key in new[] { "P-010", "P-002", "P-100", "P-001", "Q-001" })
            await table.UpsertAsync("cycle", key, $$"""{"k":"{{key}}"}""");
        await table.UpsertAsync("other", "P-005", """{"k":"other"}""");

        var listed = (await table.ListAsync("cycle")).Select(r => r.RowKey).ToList();
        Assert.Equal(["P-001", "P-002", "P-010", "P-100", "Q-001"], listed);
        Assert.Equal(listed, await table.ListRowKeysAsync("cycle"));

        var range = await table.ListRangeAsync("cycle", "P-002", "P-100");
        Assert.Equal(["P-002", "P-010", "P-100"], range.Select(r => r.RowKey));
        Assert.Equal("""{"k":"P-010"}""", range[1].Json);
        Assert.Empty(await table.ListRowKeysAsync("none"));
    }

    [Fact]
    public async Task An_insert_on_existing_keys_returns_false_and_changes_nothing()
    {
        var table = Storage.Table("InsertOnly");
        Assert.True(await table.TryInsertAsync("p", "r", """{"v":1}"""));
        var before = await table.GetAsync("p", "r");

        Assert.False(await table.TryInsertAsync("p", "r", """{"v":2}"""));

        var after = await table.GetAsync("p", "r");
        Assert.Equal("""{"v":1}""", after!.Json);
        Assert.Equal(before!.ETag, after.ETag);
    }

    [Fact]
    public async Task A_replace_with_a_stale_etag_returns_false_and_changes_nothing()
    {
        var table = Storage.Table("Replace");
        await table.UpsertAsync("p", "r", """{"v":1}""");
        var read = (await table.GetAsync("p", "r"))!;

        Assert.True(await table.TryReplaceAsync(read, """{"v":2}"""));
        Assert.False(await table.TryReplaceAsync(read, """{"v":3}"""));

        var now = (await table.GetAsync("p", "r"))!;
        Assert.Equal("""{"v":2}""", now.Json);
        Assert.True(await table.TryReplaceAsync(now, """{"v":4}"""));
        Assert.Equal("""{"v":4}""", (await table.GetAsync("p", "r"))!.Json);
    }

    [Fact]
    public async Task Of_concurrent_replaces_from_one_read_exactly_one_succeeds()
    {
        var table = Storage.Table("ReplaceRace");
        await table.UpsertAsync("p", "r", """{"v":0}""");
        var read = (await table.GetAsync("p", "r"))!;

        var won = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() => table.TryReplaceAsync(read, $$"""{"v":{{i}}}"""))));

        Assert.Single(won, w => w);
        Assert.Equal($$"""{"v":{{Array.IndexOf(won, true) + 1}}}""", (await table.GetAsync("p", "r"))!.Json);
    }

    [Fact]
    public async Task A_replace_of_a_row_that_is_gone_returns_false()
    {
        var table = Storage.Table("ReplaceMissing");
        await table.UpsertAsync("p", "r", "{}");
        var read = (await table.GetAsync("p", "r"))!;

        Assert.False(await table.TryReplaceAsync(read with { RowKey = "other" }, "{}"));
        Assert.Null(await table.GetAsync("p", "other"));
    }

    [Fact]
    public async Task Upserting_250_rows_at_once_lands_every_row_in_row_key_order()
    {
        var table = Storage.Table("Many");
        var rows = Enumerable.Range(0, 250).Select(i => KeyValuePair.Create($"row-{i:D3}", $$"""{"i":{{i}}}""")).Reverse().ToList();

        await table.UpsertManyAsync("p", rows);
        await table.UpsertManyAsync("p", rows.Take(120).Select(r => KeyValuePair.Create(r.Key, r.Value.Replace("i", "again"))).ToList());

        var stored = await table.ListAsync("p");
        Assert.Equal(rows.Select(r => r.Key).Order(StringComparer.Ordinal), stored.Select(r => r.RowKey));
        Assert.Equal("""{"again":249}""", stored[^1].Json);
        Assert.Equal("""{"i":0}""", stored[0].Json);
        Assert.Empty(await table.ListAsync("other"));
    }

    [Fact]
    public async Task Blobs_are_put_read_back_overwritten_and_missing_ones_are_null()
    {
        var blobs = Storage.Blobs("files");
        byte[] content = Encoding.UTF8.GetBytes("inventory");

        await blobs.PutAsync("cycle/1/inventory.xlsx", content, "application/octet-stream");
        Assert.Equal(content, await blobs.GetAsync("cycle/1/inventory.xlsx"));

        await blobs.PutAsync("cycle/1/inventory.xlsx", [1, 2, 3], "application/octet-stream");
        Assert.Equal([1, 2, 3], await blobs.GetAsync("cycle/1/inventory.xlsx"));
        Assert.Null(await blobs.GetAsync("cycle/1/missing.xlsx"));
        Assert.Null(await Storage.Blobs("never-written").GetAsync("x"));
    }
}

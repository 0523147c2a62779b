namespace SesReview.Storage.Tests;

/// <summary>Both forms of Azurite connection string the product meets (no network needed to parse them).</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void Development_storage_means_azurite_on_its_default_ports()
    {
        var account = new AzureStorageAccount("UseDevelopmentStorage=true");

        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", account.TableEndpoint.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.BlobEndpoint.ToString().TrimEnd('/'));
    }

    [Fact]
    public void Explicit_endpoints_are_used_as_given()
    {
        var account = new AzureStorageAccount(
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + TestSupport.AzuriteProcess.AccountKey + ";" +
            "BlobEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41003/devstoreaccount1;");

        Assert.Equal("http://127.0.0.1:41003/devstoreaccount1", account.TableEndpoint.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:41001/devstoreaccount1", account.BlobEndpoint.ToString().TrimEnd('/'));
    }

    [Fact]
    public void An_empty_connection_string_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new AzureStorageAccount(" "));
    }
}

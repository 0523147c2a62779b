namespace SesReview.Storage;

/// <summary>
/// Where the product keeps its records and files: Azure Storage (Azurite locally) in the app
/// (<see cref="AzureRecordStorage"/>), memory in unit tests (<see cref="InMemoryRecordStorage"/>). Tables and
/// containers are created on first use.
/// </summary>
public interface IRecordStorage
{
    IRecordTable Table(string name);
    IBlobStore Blobs(string containerName);
}

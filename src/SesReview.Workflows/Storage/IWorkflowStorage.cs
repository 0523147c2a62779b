namespace SesReview.Workflows.Storage;

/// <summary>
/// Where the workflows keep their records and files: Azure Storage (Azurite locally) in the app, memory in unit
/// tests. Tables and containers are created on first use.
/// </summary>
public interface IWorkflowStorage
{
    IRecordTable Table(string name);
    IBlobStore Blobs(string containerName);
}

namespace SesReview.Workflows.Storage;

/// <summary>Tables and containers of the workflows (the engine's task hub and the notifications keep their own).</summary>
public static class TableNames
{
    public const string Cycles = "ReviewCycles";
    public const string Positions = "ReviewPositions";
    public const string Tasks = "ReviewTasks";
    public const string Decisions = "ReviewDecisions";
    public const string Proposals = "ReviewProposals";
    public const string SignOffs = "ReviewSignOffs";
    public const string Submissions = "ReviewSubmissions";
    public const string Uploads = "InventoryUploads";
    public const string PlumUploads = "PlumUploads";
    public const string Audit = "ReviewAudit";

    public const string UploadContainer = "inventory-uploads";
    public const string PlumUploadContainer = "plum-uploads";
    public const string PackageContainer = "review-packages";
}

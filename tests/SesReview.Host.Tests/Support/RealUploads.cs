using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SesReview.Workflows.Inventory;

namespace SesReview.Host.Tests.Support;

/// <summary>
/// A host whose uploads go through the product's own <see cref="InventoryUploads"/> (the real importers and validation,
/// storing on the host's Azurite), for tests about the errors a user sees: those must be the importers' errors, not a
/// list a fake made up.
/// </summary>
internal static class RealUploads
{
    public static Task<HostFactory> StartHostAsync() => HostFactory.StartNewAsync(services =>
    {
        services.RemoveAll<IInventoryUploads>();
        services.AddSingleton<IInventoryUploads, InventoryUploads>();
    });

    /// <summary>The PLUM export's header row.</summary>
    public const string PlumHeader =
        "AgencyName,OrganizationName,PositionTitle,PositionStatus,AppointmentTypeDescription,ExpirationDate,LevelGradePay,Location,IncumbentFirstName,IncumbentLastName,PaymentPlanDescription,Tenure,IncumbentBeginDate,IncumbentVacateDate";

    /// <summary>
    /// A PLUM export with three bad rows: row 2 begins on February 30, row 3 is vacated before it began, row 4 has an
    /// appointment type PLUM does not use.
    /// </summary>
    public static byte[] PlumWithThreeBadRows() => Encoding.UTF8.GetBytes(
        PlumHeader + "\r\n" +
        "AGENCY A,ORG,T1,Filled,CA,,,DC,A,B,ES,,2/30/2024 12:00:00 AM,\r\n" +
        "AGENCY A,ORG,T2,Filled,CA,,,DC,A,B,ES,,3/1/2024 12:00:00 AM,2/1/2024 12:00:00 AM\r\n" +
        "AGENCY A,ORG,T3,Filled,QQ,,,DC,A,B,ES,,3/1/2024 12:00:00 AM,\r\n");
}

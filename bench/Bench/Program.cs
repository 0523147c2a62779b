using Bench;

var which = args.FirstOrDefault() ?? "all";
switch (which)
{
    case "domain":
        DomainBenchmark.Run(Console.Out);
        break;
    default:
        Console.Error.WriteLine("Usage: dotnet run --project bench/Bench -c Release -- domain");
        return 2;
}
return 0;

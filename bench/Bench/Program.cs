using Bench;

var which = args.FirstOrDefault() ?? "all";
switch (which)
{
    case "domain":
        DomainBenchmark.Run(Console.Out);
        break;
    case "durable":
        await DurableBenchmark.RunAsync(Console.Out);
        break;
    case "cycle":
        await CycleBenchmark.RunAsync(Console.Out);
        break;
    case "plum":
        PlumCrossCheckBenchmark.Run(Console.Out);
        break;
    case "pages":
        PagesBenchmark.Run(Console.Out);
        break;
    case "all":
        DomainBenchmark.Run(Console.Out);
        Console.WriteLine();
        await DurableBenchmark.RunAsync(Console.Out);
        Console.WriteLine();
        await CycleBenchmark.RunAsync(Console.Out);
        break;
    default:
        Console.Error.WriteLine("Usage: dotnet run --project bench/Bench -c Release -- [domain | durable | cycle | plum | pages | all]");
        return 2;
}
return 0;

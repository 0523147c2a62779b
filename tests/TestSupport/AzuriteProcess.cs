using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TestSupport;

/// <summary>
/// One Azurite (blob, queue and table) started from the repository's pinned npm package
/// (<c>node_modules/.bin/azurite</c>, found by walking up from the test assembly to the folder holding package.json)
/// on three free loopback ports. In memory by default; with <c>onDisk: true</c> it keeps its data in a temporary
/// folder so that <see cref="StopAsync"/> + <see cref="StartAgainAsync"/> (same ports) keep the data — used to test
/// transient faults. Disposing kills the process tree by process id and deletes the folder.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _executable;
    private readonly string? _location;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AzuriteProcess(string executable, int blobPort, int queuePort, int tablePort, string? location)
    {
        _executable = executable;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        _location = location;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    /// <summary>Connection string with explicit endpoints, for the Azure SDK clients and DTFx.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite and waits (with a deadline) until all three ports accept connections.</summary>
    public static async Task<AzuriteProcess> StartAsync(bool onDisk = false, CancellationToken cancellationToken = default)
    {
        string executable = FindExecutable();
        var ports = FreePorts(3);
        string? location = onDisk ? Directory.CreateTempSubdirectory("azurite-").FullName : null;
        var azurite = new AzuriteProcess(executable, ports[0], ports[1], ports[2], location);
        await azurite.StartAgainAsync(cancellationToken).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>Starts the process again on the same ports (after <see cref="StopAsync"/>).</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning) return;
        var info = new ProcessStartInfo(_executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _location ?? Path.GetTempPath(),
        };
        foreach (string arg in new[]
        {
            "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(),
        })
            info.ArgumentList.Add(arg);
        if (_location is null) info.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(_location);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await Poll.UntilAsync(async () =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (process.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} while starting:{Environment.NewLine}{Output}");
                return await AllPortsAcceptAsync().ConfigureAwait(false) ? "open" : null;
            }, StartTimeout, () => Task.FromResult($"Azurite did not open its ports:{Environment.NewLine}{Output}"), TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
        }
        catch
        {
            Kill();
            throw;
        }
    }

    /// <summary>
    /// Stops the process: SIGTERM first so that an on-disk Azurite saves its data, then a kill of the process tree if it
    /// has not exited within 10 s. Waits until the ports refuse connections.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process && !OperatingSystem.IsWindows() && SysKill(process.Id, 15) == 0)
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token).ContinueWith(_ => { }).ConfigureAwait(false);
        Kill();
        // A test that stops Azurite to see an outage must not go on while a port still answers.
        await Poll.UntilAsync(async () => await AnyPortAcceptsAsync().ConfigureAwait(false) ? null : "closed", TimeSpan.FromSeconds(10),
            () => Task.FromResult($"Azurite's ports still accept connections after it was stopped:{Environment.NewLine}{Output}")).ConfigureAwait(false);
    }

    private async Task<bool> AllPortsAcceptAsync() =>
        await AcceptsAsync(BlobPort).ConfigureAwait(false) && await AcceptsAsync(QueuePort).ConfigureAwait(false) && await AcceptsAsync(TablePort).ConfigureAwait(false);

    private async Task<bool> AnyPortAcceptsAsync() =>
        await AcceptsAsync(BlobPort).ConfigureAwait(false) || await AcceptsAsync(QueuePort).ConfigureAwait(false) || await AcceptsAsync(TablePort).ConfigureAwait(false);

    /// <summary>Stops and starts again on the same ports.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        if (_location is not null)
        {
            try { Directory.Delete(_location, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return ValueTask.CompletedTask;
    }

    private void Kill()
    {
        var process = _process;
        _process = null;
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
        process.Dispose();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var l in listeners) l.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var l in listeners) l.Stop();
        }
    }

    /// <summary>node_modules/.bin/azurite of the nearest folder above the test assembly that holds package.json.</summary>
    public static string FindExecutable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "package.json"))) continue;
            string exe = Path.Combine(dir.FullName, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
            if (File.Exists(exe)) return exe;
            throw new FileNotFoundException($"Azurite is not installed: '{exe}' is missing. Run 'npm ci' in {dir.FullName} (scripts/test.sh does).", exe);
        }
        throw new FileNotFoundException($"No package.json found above {AppContext.BaseDirectory}; cannot locate node_modules/.bin/azurite. Run 'npm ci' at the repository root.");
    }
}

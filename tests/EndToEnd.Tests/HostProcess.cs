using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace EndToEnd.Tests;

/// <summary>
/// The host (src/SesReview.Host) started as a separate process, exactly as the main job runs it, on a free loopback port.
/// <see cref="KillAsync"/> kills it with SIGKILL (no shutdown code runs); <see cref="StartAsync"/> starts it again with the
/// same settings. It runs in Development sign-in mode (as the main job does); <see cref="SignInAsync"/> signs in on its
/// sign-in page as a person would.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private HostProcess(Dictionary<string, string> settings, int port)
    {
        _settings = settings;
        Port = port;
    }

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>The running process's id (DTFx names a worker by machine and process id).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host is not running.");

    public static async Task<HostProcess> StartAsync(IDictionary<string, string> settings)
    {
        int port = FreePort();
        var all = new Dictionary<string, string>(settings) { ["Workflows__PublicBaseUrl"] = $"http://127.0.0.1:{port}" };
        var host = new HostProcess(all, port);
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet", [HostDll(), "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = TestSupport.RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in _settings) info.Environment[key] = value;
        _process = Process.Start(info) ?? throw new InvalidOperationException("The host did not start.");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var process = _process;
        await TestSupport.Poll.UntilAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with {process.ExitCode}:\n{Output}");
            try
            {
                // Up means: it signs people in and answers a signed-in read from storage.
                using var http = await SignInAsync(BaseAddress, ReadinessProbe, "readiness@agency.example.gov", "Compliance", TimeSpan.FromSeconds(5));
                using var response = await http.GetAsync("/api/cycles");
                return response.StatusCode == HttpStatusCode.OK ? "up" : null;
            }
            catch (Exception e) when (e is SignInException or HttpRequestException or TaskCanceledException)
            {
                return null;
            }
        }, TimeSpan.FromSeconds(60), () => Task.FromResult($"the host did not answer:\n{Output}"), TimeSpan.FromMilliseconds(100));
    }

    private const string ReadinessProbe = "Readiness Probe";

    /// <summary>The sign-in page answered, but not with the redirect of a successful sign-in.</summary>
    public sealed class SignInException(string message) : Exception(message);

    /// <summary>
    /// A client signed in on the development sign-in page of the host at <paramref name="baseAddress"/>: it opens the form
    /// (antiforgery cookie and field), posts name, email and role, and keeps the sign-in cookie. Redirects are not followed.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string name, string email, string role, TimeSpan? timeout = null)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };
        try
        {
            var form = await http.GetStringAsync("/signin");
            var token = AntiforgeryInput().Match(form);
            if (!token.Success) throw new SignInException($"The sign-in page has no antiforgery field:\n{form}");
            var answer = await http.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["name"] = name, ["email"] = email, ["role"] = role, ["returnUrl"] = "/", [token.Groups["name"].Value] = token.Groups["value"].Value,
            }));
            if (answer.StatusCode != HttpStatusCode.Redirect) throw new SignInException($"Signing in answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            return http;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>__RequestVerificationToken[^"]*)" value="(?<value>[^"]+)">""")]
    private static partial Regex AntiforgeryInput();

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public async Task KillAsync()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host built in the same configuration as these tests (bin/Release or bin/Debug).</summary>
    private static string HostDll()
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string path = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "SesReview.Host", "bin", configuration, "net10.0", "SesReview.Host.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first (dotnet build).", path);
    }
}

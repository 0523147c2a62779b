#!/usr/bin/env bash
# The main job: starts Azurite (npm, pinned in package.json; data kept in .local/azurite so a cycle survives restarts)
# and the host (API, task pages, dashboard, outbox, and the durable worker), and prints the URL. Seeds no data.
#   bash scripts/run.sh                 # host on http://127.0.0.1:7071 (HOST_URL to change)
#   bash scripts/run.sh cli demo        # the command-line tool (demo, assess, template; --help)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "cli" ]; then
  shift
  exec dotnet run --project src/SesReview.Cli -c Release -- "$@"
fi

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
mkdir -p .local/azurite

# Local secrets (task-link signing key, management system key): made once per checkout, kept out of git.
if [ ! -f .local/secrets.env ]; then
  umask 077
  {
    echo "Approvals__SigningKey=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "Runtime__SystemKey=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  } > .local/secrets.env
  echo "Generated local secrets in .local/secrets.env (task-link signing key, management system key)."
fi
set -a; . .local/secrets.env; set +a

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in 10000 10001 10002; do
  if port_busy "$port"; then
    echo "Port $port on 127.0.0.1 is in use; stop what holds it (another Azurite?) and run again." >&2
    exit 1
  fi
done

echo "Building the host ..."
dotnet build src/SesReview.Host -c Release -nologo -v quiet

# Azurite runs in its own session, so that Ctrl+C reaches the host only and the host can still release its partition
# leases on the way out; the watcher below stops Azurite after the host.
setsid node_modules/.bin/azurite --silent --location .local/azurite \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --skipApiVersionCheck --loose --disableTelemetry > .local/azurite.log 2>&1 &
azurite_pid=$!
trap 'kill "$azurite_pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 100); do port_busy 10002 && break; sleep 0.1; done
port_busy 10002 || { echo "Azurite did not start; see .local/azurite.log" >&2; exit 1; }

url="${HOST_URL:-http://127.0.0.1:7071}"
export Workflows__PublicBaseUrl="${Workflows__PublicBaseUrl:-$url}"
# The development sign-in (type a name, email and role): only here, and the host refuses it unless it listens on loopback only.
export Access__Mode="${Access__Mode:-Development}"
echo "Azurite running (data in .local/azurite). Starting the SES review host at $url ..."
if [ "$Access__Mode" = "Development" ]; then
  echo "Sign in at $url/signin (development sign-in: choose a name, an email and a role, ExecutiveResources or Compliance)."
fi
# The host takes this process's place (so Ctrl+C and SIGTERM reach it directly); a watcher stops Azurite, by its
# process id, once the host has exited.
setsid bash -c "while kill -0 $$ 2>/dev/null; do sleep 1; done; kill $azurite_pid 2>/dev/null" > /dev/null 2>&1 &
trap - EXIT INT TERM
exec dotnet src/SesReview.Host/bin/Release/net10.0/SesReview.Host.dll --urls "$url"

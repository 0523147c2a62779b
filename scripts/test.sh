#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs the pinned Azurite (npm ci) and Debian's chromium first;
# tests start their own Azurite on free loopback ports. Ends with one summary line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --loglevel=error

# The browser tests (tests/Browser.Tests) drive Debian's chromium; Playwright never downloads a browser here.
if ! command -v chromium >/dev/null 2>&1 && [ -z "${SESREVIEW_CHROMIUM:-}" ]; then
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q chromium
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test SesReview.sln -c Release --logger "trx" --results-directory "$results" || status=$?

# Sum the TRX counters of every test project into one closing line.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status

#!/usr/bin/env bash
# The main job. Until the host (issue 4) exists it runs both reviews from the command line on a seeded sample
# inventory and writes the workbooks to ./out; pass other arguments to run another command (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- demo --out out; fi
dotnet run --project src/SesReview.Cli -c Release -- "$@"

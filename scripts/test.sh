#!/usr/bin/env bash
# Runs every test of the solution. Installs what the tests need from the project's own files first.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund --loglevel=error
dotnet test FunctionsApp.sln -c Release

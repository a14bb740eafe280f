#!/usr/bin/env bash
# The dashboard at two data sizes (1 month × 7 categories, 3 years × 50), cold and warm: server-side time of GET /,
# the page's HTML size, readiness after start-up, and live managed memory per open circuit (pages in Chromium).
# The data is written into a fresh DynamoDB Local by the benchmark itself, through the project's DynamoKpiStore.
# Options: DASHBOARD_BENCH_RUNS (fresh processes per data set, default 3); DASHBOARD_BENCH_DLL (a Kpi.Dashboard.dll
# to measure instead of the ReadyToRun publish, e.g. src/Dashboard/bin/Release/net10.0/Kpi.Dashboard.dll, to compare).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/common.sh"

check_prerequisites
install_dynamodb_local
install_chromium

cd "$ROOT"
say "Building the dashboard and its benchmark (Release); the dashboard published as the image ships it (ReadyToRun)" >&2
dotnet build bench/DashboardBench -c Release -nologo -v quiet >&2
case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
published="$ROOT/artifacts/bench/dashboard/publish"
dotnet publish src/Dashboard -c Release -r "$rid" --self-contained false -p:UseAppHost=false -o "$published" -nologo -v quiet >&2
dll="${DASHBOARD_BENCH_DLL:-$published/Kpi.Dashboard.dll}"

work=$(mktemp -d)
port=$(free_port)
start_dynamodb "$port" "$work/dynamodb.log"
trap 'kill "$DYNAMODB_PID" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet bench/DashboardBench/bin/Release/net10.0/Kpi.DashboardBench.dll \
  --dynamodb "http://127.0.0.1:$port" --runs "${DASHBOARD_BENCH_RUNS:-3}" --artifacts "$ROOT/artifacts/bench/dashboard" --dashboard "$dll"

#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test project, prints a total.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites
install_dynamodb_local
install_s3rver
install_oidc_provider
install_chromium
install_aws_cdk

cd "$ROOT"
say "Building (Release)"
dotnet build Kpi.sln -c Release -nologo -v quiet
# The CDK app and its tests stay out of Kpi.sln: the 50 MB CDK assembly would slow every other build.
dotnet build tests/Infra.Tests -c Release -nologo -v quiet

say "Testing"
log=$(mktemp)
set +e
dotnet test Kpi.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
dotnet test tests/Infra.Tests -c Release --no-build -nologo "$@" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e

# The image ships the pipeline as one native executable (native AOT), which trims and compiles ahead of time
# what the tests above ran on the JIT: the tests that run the pipeline as a process run again against it
# (with the whole suite only: arguments such as --filter select tests of the pass above).
if [ $# -eq 0 ]; then
  say "Publishing the pipeline as the image ships it (native AOT)"
  publish_pipeline "$ROOT/artifacts/pipeline-native"
  say "Testing the published pipeline (the tests that run it as a process)"
  set +e
  KPI_TEST_PIPELINE="$ROOT/artifacts/pipeline-native/Kpi.Pipeline" dotnet test tests/Pipeline.Tests -c Release --no-build -nologo \
    --filter "Runs=PipelineProcess" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
fi

# One closing line over every test assembly, from VSTest's per-assembly summaries.
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
[ -d "$ROOT/artifacts/screenshots" ] && echo "Browser screenshots: $ROOT/artifacts/screenshots"
exit "$status"

#!/usr/bin/env bash
# The whole test suite: installs what the tests need, builds, runs every test project, prints a total.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites
install_dynamodb_local
install_s3rver
install_oidc_provider
install_chromium
install_aws_cdk
install_native_toolchain

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

# One closing line over every test assembly, from VSTest's per-assembly summaries.
summary() {
  awk -v label="$1" '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%s: %d passed, %d failed, %d skipped\n", label, p, f, s }' "$2"
}

# The image ships the pipeline as one native executable (native AOT), which trims and compiles ahead of time
# what the tests above ran on the JIT: the tests that start the pipeline as a process run again against it
# (trait Runs=PipelineProcess). With the whole suite only: arguments select tests of the pass above.
native_log=$(mktemp)
if [ $# -eq 0 ]; then
  say "Publishing the pipeline as the image ships it (native AOT)"
  if publish_native src/Pipeline "$ROOT/artifacts/pipeline-native"; then
    say "Testing the published pipeline (the tests that start the pipeline as a process)"
    set +e
    for project in tests/Pipeline.Tests tests/Dashboard.Tests; do
      KPI_TEST_PIPELINE="$ROOT/artifacts/pipeline-native/Kpi.Pipeline" dotnet test "$project" -c Release --no-build -nologo \
        --filter "Runs=PipelineProcess" 2>&1 | tee -a "$native_log"
      [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    done
    set -e
  else
    echo "error: the native publish of the pipeline failed; its tests did not run." >&2
    status=1
  fi
fi

# Screening's vectorised scans run as wide as the CPU's vectors: 256 bits here, 128 on arm64 (Graviton). Its
# tests run again with AVX2 off, at 128 bits (VectorWidthTests checks that the width took effect).
narrow_log=$(mktemp)
if [ $# -eq 0 ]; then
  say "Testing screening with 128-bit vectors"
  set +e
  DOTNET_EnableAVX2=0 KPI_TEST_VECTOR_BYTES=16 dotnet test tests/Pipeline.Tests -c Release --no-build -nologo \
    --filter "FullyQualifiedName~.Engine.DuckDb.Screening." 2>&1 | tee "$narrow_log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
else
  say "Arguments given: the published pipeline's and the 128-bit passes (the whole suite only) are skipped"
fi

summary Tests "$log"
[ $# -ne 0 ] || summary "Tests of the published pipeline" "$native_log"
[ $# -ne 0 ] || summary "Screening tests at 128-bit vectors" "$narrow_log"
rm -f "$log" "$native_log" "$narrow_log"
[ -d "$ROOT/artifacts/screenshots" ] && echo "Browser screenshots: $ROOT/artifacts/screenshots"
exit "$status"

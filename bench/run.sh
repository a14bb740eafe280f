#!/usr/bin/env bash
# The benchmarks, one command: bench/run.sh [part ...]   (no part = every part: each bench/<part>.sh).
# Each part builds what it needs, starts its own local servers, prints a Markdown report and writes it to
# artifacts/bench/<part>.md. Timings are measured here, never asserted in tests.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$BENCH/../artifacts/bench"

parts=("$@")
if [ ${#parts[@]} -eq 0 ]; then
  for script in "$BENCH"/*.sh; do
    name=$(basename "$script" .sh)
    [ "$name" = run ] || [ "$name" = common ] || parts+=("$name")
  done
fi

for part in "${parts[@]}"; do
  [ -f "$BENCH/$part.sh" ] || { echo "error: no benchmark '$part' (have: $(cd "$BENCH" && ls ./*.sh | sed 's|./||;s|\.sh||' | grep -vx 'run\|common' | tr '\n' ' '))" >&2; exit 2; }
  echo "==> bench $part"
  bash "$BENCH/$part.sh" | tee "$BENCH/../artifacts/bench/$part.md"
done

#!/usr/bin/env bash
# Shared by the bench parts: the project's tool installs and DynamoDB Local (scripts/common.sh), s3rver, the
# machine's conditions, and cleanup of the servers a part started (only those, by their PIDs).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

BENCH_PIDS=()
BENCH_WORK=$(mktemp -d)
bench_cleanup() {
  for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$BENCH_WORK"
}
trap bench_cleanup EXIT

# start_s3rver PORT: s3rver on loopback with its data under the part's work folder (keys S3RVER/S3RVER).
start_s3rver() {
  local port=$1
  mkdir -p "$BENCH_WORK/s3rver"
  # Without the legacy provider a truncated ListObjectsV2 page answers 500 on Node 20.
  node --openssl-legacy-provider "$TOOLS/s3rver/node_modules/s3rver/bin/s3rver.js" \
    -d "$BENCH_WORK/s3rver" -a 127.0.0.1 -p "$port" --silent >"$BENCH_WORK/s3rver.log" 2>&1 &
  BENCH_PIDS+=($!)
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
    sleep 0.5
  done
  die "s3rver did not listen on port $port within 30 s; see $BENCH_WORK/s3rver.log"
}

# bench_dynamodb: DynamoDB Local on a free port, AWS_* pointing at it; DYNAMODB_PID is its process.
bench_dynamodb() {
  local port
  port=$(free_port)
  start_dynamodb "$port" "$BENCH_WORK/dynamodb.log"
  BENCH_PIDS+=("$DYNAMODB_PID")
  export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port" AWS_REGION=eu-west-1
}

# cpu_seconds PID: user + system CPU time a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

machine_conditions() {
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; $(dotnet --version) SDK, Release build; commit $(git -C "$ROOT" rev-parse --short HEAD)."
}

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# field NAME LINE: the value of NAME=value in a key=value line
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

#!/usr/bin/env bash
# The pipeline's DynamoDB writer against a plain sequential BatchWriteItem loop (25 items a call, unprocessed
# items resent), both writing the same category KPI items to a fresh table of DynamoDB Local and counting them
# back. Also where the time goes: DynamoDB Local's CPU, the client's CPU, and the client alone against a
# server that answers at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS=${BENCH_RUNS:-3}
ITEMS=${BENCH_ITEMS:-100000}
SWEEP_ITEMS=${BENCH_SWEEP_ITEMS:-50000}

install_dynamodb_local
cd "$ROOT"
dotnet build bench/IoBench -c Release -nologo -v quiet >&2
IOBENCH=bench/IoBench/bin/Release/net10.0/Kpi.IoBench.dll

conditions=$(machine_conditions)
bench_dynamodb
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local BENCH_SERVER_PID=$DYNAMODB_PID

# DynamoDB Local is a JVM: its first thousands of calls run slower while it compiles itself.
dotnet "$IOBENCH" dynamodb writer 20000 >&2
dotnet "$IOBENCH" dynamodb sequential 5000 >&2

echo "## DynamoDB writer vs a sequential BatchWriteItem loop"
echo
echo "$conditions"
echo "$ITEMS category KPI items per run into a fresh table of DynamoDB Local (in memory, warmed up first), counted"
echo "back after each run; the modes alternate, $RUNS runs each. Client CPU: the writing process; DynamoDB Local CPU:"
echo "the Java process, both over the timed writes only."
echo
echo "| mode | run | s | items/s | client CPU s | DynamoDB Local CPU s | stored |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
declare -A seconds=([sequential]="" [writer]="")
for run in $(seq "$RUNS"); do
  for mode in sequential writer; do
    line=$(dotnet "$IOBENCH" dynamodb "$mode" "$ITEMS")
    seconds[$mode]+="$(field seconds "$line") "
    echo "| $mode | $run | $(field seconds "$line") | $(field items_per_s "$line") | $(field client_cpu_s "$line") | $(field server_cpu_s "$line") | $(field stored "$line") |"
  done
done

sequential=$(tr ' ' '\n' <<<"${seconds[sequential]}" | sed '/^$/d' | median)
writer=$(tr ' ' '\n' <<<"${seconds[writer]}" | sed '/^$/d' | median)
echo
echo "Medians: sequential $sequential s ($(awk -v n="$ITEMS" -v s="$sequential" 'BEGIN { printf "%.0f", n / s }') items/s),"\
  "writer $writer s ($(awk -v n="$ITEMS" -v s="$writer" 'BEGIN { printf "%.0f", n / s }') items/s):"\
  "**$(awk -v a="$sequential" -v b="$writer" 'BEGIN { printf "%.2f", a / b }')×** the sequential loop."
echo "A sequential call of 25 items takes $(awk -v n="$ITEMS" -v s="$sequential" 'BEGIN { printf "%.1f", 1000 * s / (n / 25) }') ms on average (request latency)."
echo

echo "Calls in flight ($SWEEP_ITEMS items, one run each):"
echo
echo "| in flight | s | items/s | client CPU s | DynamoDB Local CPU s |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for in_flight in 1 2 4 8 16; do
  line=$(dotnet "$IOBENCH" dynamodb writer "$SWEEP_ITEMS" "$in_flight")
  echo "| $in_flight | $(field seconds "$line") | $(field items_per_s "$line") | $(field client_cpu_s "$line") | $(field server_cpu_s "$line") |"
done
echo

echo "The client alone ($ITEMS items to a local HTTP endpoint that answers every call at once, no DynamoDB):"
echo
echo "| mode | s | items/s | client CPU s (endpoint included) |"
echo "| --- | ---: | ---: | ---: |"
for mode in sequential writer; do
  line=$(dotnet "$IOBENCH" dynamodb-client "$mode" "$ITEMS")
  echo "| $mode | $(field seconds "$line") | $(field items_per_s "$line") | $(field client_cpu_s "$line") |"
done

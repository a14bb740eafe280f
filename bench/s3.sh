#!/usr/bin/env bash
# S3 staging with many small objects on s3rver: the staging alone (list + download to the local folder, as
# the pipeline does for DuckDB) and a whole pipeline run, each with its time and peak RSS (/usr/bin/time).
# Two sets, ~500 and ~5,000 objects, show whether memory grows with the number of objects.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
RUNS=${BENCH_RUNS:-3}

install_dynamodb_local
install_s3rver
cd "$ROOT"
dotnet build bench/IoBench -c Release -nologo -v quiet >&2
# The pipeline as the image ships it: one native executable.
publish_native src/Pipeline "$ROOT/artifacts/bench/s3/pipeline" >&2
PIPELINE="$ROOT/artifacts/bench/s3/pipeline/Kpi.Pipeline"
IOBENCH=bench/IoBench/bin/Release/net10.0/Kpi.IoBench.dll

conditions=$(machine_conditions)
bench_dynamodb
s3_port=$(free_port)
start_s3rver "$s3_port"
export AWS_ENDPOINT_URL_S3="http://127.0.0.1:$s3_port" AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER

# One row per part file (orders, order_items) plus products.csv: N orders give about 2.6 N objects.
declare -A orders=([few]=190 [many]=1897)
for set in few many; do
  "$PIPELINE" generate --out "$BENCH_WORK/$set" --orders "${orders[$set]}" --rows-per-file 1 >&2
  dotnet "$IOBENCH" upload "$BENCH_WORK/$set" "$set" >&2
done
# The same 5,000 objects with every item's price written " 12.34": valid, but not in its plain form, so every
# order_items file takes the careful path (read as text, rules in SQL) instead of the typed read.
cp -r "$BENCH_WORK/many" "$BENCH_WORK/careful"
find "$BENCH_WORK/careful" -path '*order_items*' -name '*.csv' -exec sed -i -E '2,$ s/,([0-9.]+)(\r?)$/, \1\2/' {} +
dotnet "$IOBENCH" upload "$BENCH_WORK/careful" careful >&2

echo "## S3 staging: many small objects on s3rver"
echo
echo "$conditions"
echo "Staging alone: list and download every object to the local staging folder (\`Kpi.IoBench stage\`, the"
echo "pipeline's own S3Source and S3 client). Whole run: \`Kpi.Pipeline run --source s3://…\` with DuckDB."
echo "$RUNS runs each; time and peak RSS of the process from /usr/bin/time."
echo
echo "| what | objects | bytes | wall s | peak RSS MiB |"
echo "| --- | ---: | ---: | ---: | ---: |"
for set in few many; do
  for _ in $(seq "$RUNS"); do
    line=$(/usr/bin/time -f 'wall=%e rss_kb=%M' -o "$BENCH_WORK/time" dotnet "$IOBENCH" stage "s3://$set/")
    timing=$(cat "$BENCH_WORK/time")
    echo "| staging alone | $(field objects "$line") | $(field bytes "$line") | $(field wall "$timing") | $(( $(field rss_kb "$timing") / 1024 )) |"
  done
done
for set in many careful; do
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f 'wall=%e rss_kb=%M' -o "$BENCH_WORK/time" "$PIPELINE" run --source "s3://$set/" --create-tables >"$BENCH_WORK/run.log" 2>&1 \
      || { cat "$BENCH_WORK/run.log" >&2; die "the pipeline run failed"; }
    timing=$(cat "$BENCH_WORK/time")
    stages=$(grep -oE 'discover: .*in [0-9.]+s|read: done in [0-9.]+s' "$BENCH_WORK/run.log" | sed -E 's/^(discover|read).* in ([0-9.]+s)$/\1 \2/' | paste -sd, -)
    careful=$(grep -oE '[0-9]+ checked row by row' "$BENCH_WORK/run.log" | awk '{n += $1} END {print n + 0}')
    objects=$(sed -nE 's/.*discover: ([0-9]+) file.*/\1/p' "$BENCH_WORK/run.log")
    bytes=$(sed -nE 's/.*discover: [0-9]+ file\(s\), ([0-9,]+) bytes.*/\1/p' "$BENCH_WORK/run.log" | tr -d ,)
    echo "| whole run, $careful file(s) careful ($stages) | $objects | $bytes | $(field wall "$timing") | $(( $(field rss_kb "$timing") / 1024 )) |"
  done
done

#!/usr/bin/env bash
# Pipeline `run` against the raw-DuckDB baseline (the same KPI SQL over typed read_csv, no validation), in pairs
# on generated data: the baseline, the baseline with insertion order off (as the pipeline reads plain files), then
# the pipeline; then a check that the baseline and the pipeline produce the same KPI rows.
# Sizes: BENCH_ITEMS="1m 10m" (default), pairs: BENCH_PAIRS (default 2).
# BENCH_PANDAS=1 adds pandas (bench/pandas_kpis.py, the same KPIs; Debian's python3-pandas, installed if missing)
# to every pair, its rows checked against the baseline's.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"
check_prerequisites
install_dynamodb_local

DATA="${BENCH_DATA:-$ROOT/artifacts/bench/data}"
WORK="$ROOT/artifacts/bench/pipeline"
mkdir -p "$DATA" "$WORK"
cd "$ROOT"
# Both programs as the image ships the pipeline: one native executable each (src/Pipeline/NativeAot.props).
for project in src/Pipeline bench/PipelineBaseline; do
  publish_native "$project" "$WORK/publish/$(basename "$project")" >&2
done
# Debian's Python, where python3-pandas goes (another python3 may come first on PATH).
PYTHON=/usr/bin/python3
if [ "${BENCH_PANDAS:-0}" = 1 ] && ! "$PYTHON" -c 'import pandas' 2>/dev/null; then
  say "Installing Debian's python3-pandas" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pandas >/dev/null
fi
PIPELINE=("$WORK/publish/Pipeline/Kpi.Pipeline")
BASELINE=("$WORK/publish/PipelineBaseline/PipelineBaseline")

PORT=$(free_port)
start_dynamodb "$PORT" "$WORK/dynamodb.log"
trap 'kill "$DYNAMODB_PID" 2>/dev/null || true' EXIT
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$PORT" AWS_REGION=eu-west-1 AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

# steal_ticks: the CPU time the hypervisor gave other guests, machine-wide, in clock ticks (USER_HZ) since boot.
steal_ticks() { awk '/^cpu / {print $9; exit}' /proc/stat; }

# measure NAME LOG CMD...: wall, user+sys CPU, peak RSS of one process and the machine's steal time meanwhile, as
# table cells in ROW (wall in LAST_WALL, CPU in LAST_CPU).
measure() {
  local name=$1 log=$2 steal; shift 2
  steal=$(steal_ticks)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$@" >"$log" 2>&1 || { cat "$log" >&2; die "$name failed (log: $log)"; }
  steal=$(echo "scale=2; ($(steal_ticks) - $steal) / $(getconf CLK_TCK)" | bc)
  read -r wall user sys rss <"$WORK/time"
  LAST_WALL=$wall
  LAST_CPU=$(echo "$user + $sys" | bc)
  ROW=$(printf '%s | %s | %.1f | %d | %.2f |' "$name" "$wall" "$LAST_CPU" "$((rss / 1024))" "$steal")
}

# median_range RATIO...: "median M, range LOW–HIGH".
median_range() {
  local sorted
  sorted=$(printf '%s\n' "$@" | sort -n)
  echo "median $(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : sprintf("%.2f", (a[NR/2]+a[NR/2+1])/2)}'), range $(echo "$sorted" | head -n1)–$(echo "$sorted" | tail -n1)"
}

echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ); commit $(git rev-parse --short HEAD)"
for size in ${BENCH_ITEMS:-1m 10m}; do
  case $size in
    1m) orders=600000 ;;
    10m) orders=6000000 ;;
    *) die "BENCH_ITEMS: 1m or 10m, not $size" ;;
  esac
  folder="$DATA/$size"
  if [ ! -f "$folder/products.csv" ]; then
    "${PIPELINE[@]}" generate --out "$folder" --orders "$orders" --rows-per-file 250000 --seed 42 >&2
  fi
  echo
  echo "### $size order items ($(du -sh "$folder" | cut -f1), $(find "$folder" -name '*.csv' | wc -l) files)"
  echo
  # Untimed: the files into the page cache, DynamoDB Local's JVM warm and the tables created, for both programs
  # alike. Three rounds at 1 M: after one, the first timed write of 224 items still took about twice as long as
  # the later ones (DynamoDB Local's JVM compiling), which is not the pipeline's time.
  for _ in $(seq 1 "$([ "$size" = 1m ] && echo 3 || echo 1)"); do
    "${BASELINE[@]}" baseline "$folder" "$WORK/baseline-$size.tsv" >"$WORK/warmup.log" 2>&1 || { cat "$WORK/warmup.log" >&2; die "baseline warm-up failed"; }
    "${BASELINE[@]}" baseline "$folder" "$WORK/unordered-$size.tsv" unordered >"$WORK/warmup.log" 2>&1 || { cat "$WORK/warmup.log" >&2; die "baseline warm-up failed"; }
    "${PIPELINE[@]}" run --source "$folder" --create-tables >"$WORK/warmup.log" 2>&1 || { cat "$WORK/warmup.log" >&2; die "pipeline warm-up failed"; }
  done
  echo "| pair | what | wall s | CPU s | peak RSS MiB | steal s | ÷ baseline | stages |"
  echo "|---|---|---|---|---|---|---|---|"
  ratios=()
  unordered=()
  cpu_ratios=()
  for pair in $(seq 1 "${BENCH_PAIRS:-2}"); do
    measure "raw DuckDB baseline" "$WORK/baseline.log" "${BASELINE[@]}" baseline "$folder" "$WORK/baseline-$size.tsv"
    base=$LAST_WALL
    base_cpu=$LAST_CPU
    echo "| $pair | $ROW 1 | $(tail -n1 "$WORK/baseline.log" | sed 's/^baseline: //') |"
    # The baseline with the one DuckDB setting the pipeline changes (preserve_insertion_order off for its reads of
    # plain files): the ratio the pipeline would have if the baseline read that way too.
    measure "baseline, insertion order off" "$WORK/baseline-unordered.log" "${BASELINE[@]}" baseline "$folder" "$WORK/unordered-$size.tsv" unordered
    tuned=$LAST_WALL
    echo "| $pair | $ROW $(printf %.2f "$(echo "scale=4; $tuned / $base" | bc)") | $(tail -n1 "$WORK/baseline-unordered.log" | sed 's/^baseline: //') |"
    measure "pipeline run" "$WORK/run.log" "${PIPELINE[@]}" run --source "$folder" --create-tables
    stages=$(grep -oE '(read|validate): done in [0-9.]+s|; [0-9.]+s$|write: [0-9]+ item\(s\) to [a-z_]+ in [0-9.]+s' "$WORK/run.log" \
      | sed -E 's/: done in / /; s/^; /compute /; s/write: ([0-9]+) item\(s\) to ([a-z_]+) in/write \1 to \2/' | paste -sd, - | sed 's/,/, /g' || true)
    ratio=$(printf %.2f "$(echo "scale=4; $LAST_WALL / $base" | bc)")
    ratios+=("$ratio")
    cpu_ratios+=("$(printf %.2f "$(echo "scale=4; $LAST_CPU / $base_cpu" | bc)")")
    unordered+=("$(printf %.2f "$(echo "scale=4; $LAST_WALL / $tuned" | bc)")")
    echo "| $pair | $ROW $ratio (÷ insertion order off: ${unordered[-1]}) | $stages |"
    if [ "${BENCH_PANDAS:-0}" = 1 ]; then
      measure "pandas $("$PYTHON" -c 'import pandas; print(pandas.__version__)')" "$WORK/pandas.log" "$PYTHON" "$ROOT/bench/pandas_kpis.py" "$folder" "$WORK/baseline-$size.tsv"
      echo "| $pair | $ROW $(printf %.2f "$(echo "scale=4; $LAST_WALL / $base" | bc)") | $(tail -n1 "$WORK/pandas.log" | sed 's/^pandas: //') |"
    fi
  done
  # The machine's speed drifts from pair to pair: the median and the range say more than any one pair.
  cmp -s "$WORK/baseline-$size.tsv" "$WORK/unordered-$size.tsv" || die "the baseline's KPI rows differ with insertion order off ($WORK/unordered-$size.tsv)"
  echo
  echo "Pipeline ÷ baseline over ${#ratios[@]} pair(s): $(median_range "${ratios[@]}")."
  echo "Pipeline ÷ the baseline with insertion order off: $(median_range "${unordered[@]}")."
  echo "Pipeline's CPU-seconds ÷ the baseline's: $(median_range "${cpu_ratios[@]}")."
  "${BASELINE[@]}" stored category_kpis_table order_kpis_table "$WORK/stored-$size.tsv"
  if cmp -s "$WORK/baseline-$size.tsv" "$WORK/stored-$size.tsv"; then
    echo
    echo "Same KPI rows: the $(wc -l <"$WORK/stored-$size.tsv") items the run wrote equal the baseline's, byte for byte."
  else
    diff "$WORK/baseline-$size.tsv" "$WORK/stored-$size.tsv" | head -5 >&2
    die "the pipeline's KPI items differ from the baseline's ($WORK/baseline-$size.tsv vs $WORK/stored-$size.tsv)"
  fi
done

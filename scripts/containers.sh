#!/usr/bin/env bash
# Builds both images and smoke-tests them (CI runs it after the test suite).
#
# Engine: docker when a docker engine answers, else podman (installed from Debian's packages when missing).
# Base images (sdk, runtime-deps, aspnet): pulled when reachable; otherwise stand-ins are built locally (Debian
# bookworm minbase from debootstrap + this machine's .NET runtime/SDK, user app 1654:1654, the base images'
# variables), tagged with the names the Dockerfiles use, and the script says so. When one is missing (say
# runtime-deps, on a machine with stand-ins from before the pipeline image used it), all are built again.
# Disk: about 3.5 GB the first time (podman storage with the stand-ins, clang in the pipeline's build stage and
# both images, plus the debootstrap download), checked before anything is built; later runs reuse the stand-ins
# and the cached layers.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PIPELINE_IMAGE="localhost/kpi-pipeline:smoke"
DASHBOARD_IMAGE="localhost/kpi-dashboard:smoke"
BASE_IMAGES=(mcr.microsoft.com/dotnet/sdk:10.0 mcr.microsoft.com/dotnet/runtime-deps:10.0 mcr.microsoft.com/dotnet/aspnet:10.0)
NEEDED_DISK_GB=4
# This project's podman storage, apart from any other podman use on the machine; kept between runs.
PODMAN_HOME="/var/lib/kpi-containers"
WORK=$(mktemp -d)
CLEANUP=()
cleanup() {
  local item
  for item in "${CLEANUP[@]}"; do eval "$item" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  command -v apt-get >/dev/null || die "$* missing and apt-get unavailable: install them first."
  say "Installing $* from Debian's packages"
  as_root apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# podman as this machine needs it: runc (crun fails on hybrid cgroups), higher ulimits, overlay storage
# (vfs is 4-8x slower and takes about 20 GB). Configured through its environment, not /etc.
setup_podman() {
  local missing=()
  command -v podman >/dev/null || missing+=(podman)
  command -v runc >/dev/null || missing+=(runc)
  [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
  mkdir -p "$TOOLS/podman"
  cat >"$TOOLS/podman/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
EOF
  cat >"$TOOLS/podman/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$PODMAN_HOME/storage"
runroot = "/run/kpi-containers"
EOF
  export CONTAINERS_CONF="$TOOLS/podman/containers.conf" CONTAINERS_STORAGE_CONF="$TOOLS/podman/storage.conf"
}

choose_engine() {
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    ENGINE=docker
    NO_TIMER=()
    BUILD=(docker build --network=host)
  else
    [ "$(id -u)" -eq 0 ] || die "podman here runs as root (no docker engine found): run this script as root."
    setup_podman
    ENGINE=podman
    # No systemd here to run health-check timers: the smoke test runs the check itself.
    NO_TIMER=(--health-interval=disable)
    # --format docker keeps HEALTHCHECK (the OCI format has none); chroot isolation works in this sandbox.
    # podman 4.3 does not set TARGETARCH itself.
    local arch=amd64
    [ "$(uname -m)" = aarch64 ] && arch=arm64
    BUILD=(podman build --pull=never --network=host --isolation=chroot --format docker --build-arg "TARGETARCH=$arch")
  fi
  say "Container engine: $ENGINE ($($ENGINE --version))"
}

# Each source change leaves the previous build stages behind as dangling images (the build cache): past
# about 8 GB they are pruned, and the next build restores again.
prune_if_large() {
  [ "$ENGINE" = podman ] && [ -d "$PODMAN_HOME" ] || return 0
  local used_gb
  used_gb=$(du -s --block-size=1G "$PODMAN_HOME" | cut -f1)
  if [ "${used_gb:-0}" -gt 8 ]; then
    say "podman storage holds ${used_gb} GB: pruning dangling images"
    podman image prune -f >/dev/null
  fi
}

check_disk() {
  local target=/var/lib
  [ "$ENGINE" = docker ] && target=$(docker info --format '{{.DockerRootDir}}' 2>/dev/null || echo /var/lib)
  mkdir -p "$target"
  local free_gb
  free_gb=$(df -Pk "$target" | awk 'NR==2 {print int($4 / 1048576)}')
  [ "$free_gb" -ge "$NEEDED_DISK_GB" ] || die "need about $NEEDED_DISK_GB GB free under $target, have $free_gb GB."
}

have_image() { $ENGINE image inspect "$1" >/dev/null 2>&1; }

# Builds stand-ins of Microsoft's .NET images from Debian bookworm and the .NET of this machine.
build_stand_ins() {
  echo
  echo "!!! ================================================================================= !!!"
  echo "!!! Microsoft's container registry cannot be reached: building LOCAL STAND-INS for      !!!"
  echo "!!!   mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet,sdk}:10.0"
  echo "!!! from Debian bookworm (debootstrap minbase) and this machine's .NET $(dotnet --version).   !!!"
  echo "!!! The images below are built and tested on those stand-ins, not on Microsoft's images. !!!"
  echo "!!! ================================================================================= !!!"
  echo
  command -v debootstrap >/dev/null || apt_install debootstrap
  local dotnet_root runtime_version aspnet_version sdk_version
  dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
  runtime_version=$(dotnet --list-runtimes | awk '/^Microsoft.NETCore.App 10\./ {print $2}' | tail -n1)
  aspnet_version=$(dotnet --list-runtimes | awk '/^Microsoft.AspNetCore.App 10\./ {print $2}' | tail -n1)
  sdk_version=$(dotnet --version)
  [ -n "$runtime_version" ] && [ -n "$aspnet_version" ] || die "the .NET 10 runtimes are needed for the stand-ins."

  say "debootstrap: Debian bookworm minbase"
  local rootfs="$WORK/rootfs"
  as_root debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata,zlib1g \
    bookworm "$rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log"; die "debootstrap failed"; }
  # A proxy may intercept TLS here: trust the machine's extra CA certificates, as its own tools do.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
  fi
  chroot "$rootfs" groupadd --gid 1654 app
  chroot "$rootfs" useradd --uid 1654 --gid 1654 --create-home --shell /bin/sh app
  rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb
  tar -C "$rootfs" -c . | $ENGINE import -q - localhost/kpi-standin/debian:bookworm >/dev/null
  rm -rf "$rootfs"

  # Build contexts of hard links into this machine's .NET (no copies on disk).
  local ctx="$WORK/dotnet"
  mkdir -p "$ctx/runtime/shared" "$ctx/aspnet/shared" "$ctx/sdk"
  cp -al "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/LICENSE.txt" "$ctx/runtime/"
  cp -al "$dotnet_root/shared/Microsoft.NETCore.App" "$ctx/runtime/shared/"
  cp -al "$dotnet_root/shared/Microsoft.AspNetCore.App" "$ctx/aspnet/shared/"
  cp -al "$dotnet_root/sdk" "$dotnet_root/sdk-manifests" "$dotnet_root/packs" "$dotnet_root/templates" "$ctx/sdk/"

  # runtime-deps: what .NET needs from the system, no .NET (the base of the pipeline image, one native executable).
  say "Stand-in mcr.microsoft.com/dotnet/runtime-deps:10.0 (Debian bookworm)"
  mkdir -p "$ctx/empty"
  "${BUILD[@]}" -q -t mcr.microsoft.com/dotnet/runtime-deps:10.0 -f - "$ctx/empty" >/dev/null <<EOF
FROM localhost/kpi-standin/debian:bookworm
ENV APP_UID=1654 ASPNETCORE_HTTP_PORTS=8080 DOTNET_RUNNING_IN_CONTAINER=true
EOF
  say "Stand-in mcr.microsoft.com/dotnet/runtime:10.0 (.NET $runtime_version)"
  "${BUILD[@]}" -q -t mcr.microsoft.com/dotnet/runtime:10.0 -f - "$ctx/runtime" >/dev/null <<EOF
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0
ENV DOTNET_VERSION=$runtime_version
COPY . /usr/share/dotnet/
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
EOF
  say "Stand-in mcr.microsoft.com/dotnet/aspnet:10.0 (ASP.NET Core $aspnet_version)"
  "${BUILD[@]}" -q -t mcr.microsoft.com/dotnet/aspnet:10.0 -f - "$ctx/aspnet" >/dev/null <<EOF
FROM mcr.microsoft.com/dotnet/runtime:10.0
ENV ASPNET_VERSION=$aspnet_version
COPY . /usr/share/dotnet/
EOF
  say "Stand-in mcr.microsoft.com/dotnet/sdk:10.0 (SDK $sdk_version)"
  "${BUILD[@]}" -q -t mcr.microsoft.com/dotnet/sdk:10.0 -f - "$ctx/sdk" >/dev/null <<EOF
FROM mcr.microsoft.com/dotnet/aspnet:10.0
ENV DOTNET_SDK_VERSION=$sdk_version DOTNET_GENERATE_ASPNET_CERTIFICATE=false DOTNET_NOLOGO=true \
    DOTNET_USE_POLLING_FILE_WATCHER=true NUGET_XMLDOC_MODE=skip
COPY . /usr/share/dotnet/
EOF
  rm -rf "$ctx"
}

ensure_base_images() {
  local missing=() image
  for image in "${BASE_IMAGES[@]}"; do have_image "$image" || missing+=("$image"); done
  [ ${#missing[@]} -eq 0 ] && { say "Base images present"; return; }
  say "Pulling ${missing[*]}"
  for image in "${missing[@]}"; do
    if ! timeout 60 $ENGINE pull -q "$image" >/dev/null 2>&1; then
      echo "Cannot pull $image."
      build_stand_ins
      return
    fi
  done
}

build_images() {
  cd "$ROOT"
  say "Building $PIPELINE_IMAGE"
  "${BUILD[@]}" -q -t "$PIPELINE_IMAGE" -f Dockerfile.pipeline . >/dev/null
  say "Building $DASHBOARD_IMAGE"
  "${BUILD[@]}" -q -t "$DASHBOARD_IMAGE" -f Dockerfile.dashboard . >/dev/null
}

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

# Every non-empty line of the file is one JSON object.
all_json() {
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(l => l.trim());
    if (lines.length === 0) { console.error("no log lines"); process.exit(1); }
    for (const l of lines) { try { if (typeof JSON.parse(l) !== "object") throw 0; } catch { console.error("not JSON: " + l); process.exit(1); } }
    console.log(lines.length + " log lines, all JSON");' "$1"
}

smoke_pipeline() {
  local source="$ROOT/../shared/data/ecommerce" uid real=0
  if [ -d "$source" ]; then
    real=1
    source=$(cd "$source" && pwd)
    say "Pipeline image: the real data set ($source)"
  else
    source="$WORK/data"
    mkdir -p "$source"
    say "Pipeline image: ../shared/data/ecommerce absent, generating 5000 orders with the image"
    $ENGINE run --rm --user 0 -v "$source:/out" --entrypoint /app/Kpi.Pipeline "$PIPELINE_IMAGE" generate --out /out --orders 5000 --seed 7 >/dev/null
    chmod -R a+rX "$source"
  fi

  uid=$($ENGINE run --rm --entrypoint id "$PIPELINE_IMAGE" -u)
  [ "$uid" != 0 ] || fail "the pipeline image runs as root"
  echo "runs as uid $uid"

  local env=(-e "AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$DYNAMODB_PORT" -e AWS_REGION=eu-west-1
             -e AWS_ACCESS_KEY_ID=local -e AWS_SECRET_ACCESS_KEY=local)
  local status=0
  $ENGINE run --rm --network=host -v "$source:/data:ro" "${env[@]}" -e KPI_SOURCE=/data -e KPI_CREATE_TABLES=true \
    "$PIPELINE_IMAGE" >"$WORK/pipeline.log" 2>&1 || status=$?
  [ "$status" -eq 0 ] || { tail -n 20 "$WORK/pipeline.log"; fail "the pipeline exited $status on good input"; }
  all_json "$WORK/pipeline.log" || fail "the pipeline wrote a line that is not JSON"
  grep -q 'succeeded in' "$WORK/pipeline.log" || fail "the pipeline's log does not say the run succeeded"
  if [ "$real" = 1 ]; then
    # The real data set's known result (see Pipeline.Tests): 217 category rows, 31 order rows.
    grep -q 'write: 217 item(s) to category_kpis_table' "$WORK/pipeline.log" || fail "expected 217 category rows"
    grep -q 'write: 31 item(s) to order_kpis_table' "$WORK/pipeline.log" || fail "expected 31 order rows"
  fi
  echo "good input: exit 0, KPIs written"

  status=0
  $ENGINE run --rm --network=host -v "$source:/data:ro" "${env[@]}" -e KPI_SOURCE=/data/no-such-folder \
    "$PIPELINE_IMAGE" >"$WORK/bad.log" 2>&1 || status=$?
  [ "$status" -eq 2 ] || { tail -n 20 "$WORK/bad.log"; fail "the pipeline exited $status on a missing source, expected 2"; }
  echo "bad input: exit 2"
}

smoke_dashboard() {
  local port pid uid
  port=$(free_port)
  say "Dashboard image on 127.0.0.1:$port (host network; the image's own port is 8080)"
  [ "$($ENGINE image inspect --format '{{.Config.Env}}' "$DASHBOARD_IMAGE" | grep -o 'ASPNETCORE_HTTP_PORTS=[0-9]*')" = "ASPNETCORE_HTTP_PORTS=8080" ] \
    || fail "the dashboard image does not listen on 8080 by default"
  local check
  check=$($ENGINE image inspect --format '{{json .Config.Healthcheck}}' "$DASHBOARD_IMAGE")
  [[ "$check" == *--health* && "$check" != *bash* ]] || fail "unexpected HEALTHCHECK: $check"

  $ENGINE run -d --name kpi-dashboard-smoke-$$ --network=host "${NO_TIMER[@]}" \
    -e "ASPNETCORE_HTTP_PORTS=$port" -e "AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$DYNAMODB_PORT" -e AWS_REGION=eu-west-1 \
    -e AWS_ACCESS_KEY_ID=local -e AWS_SECRET_ACCESS_KEY=local -e KPI_DATAPROTECTION_CREATE_TABLE=true \
    "$DASHBOARD_IMAGE" >/dev/null 2>>"$WORK/engine.log"
  CLEANUP+=("$ENGINE rm -f kpi-dashboard-smoke-$$")
  local ready=""
  for _ in $(seq 1 60); do
    if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then ready=1; break; fi
    sleep 1
  done
  [ -n "$ready" ] || { $ENGINE logs kpi-dashboard-smoke-$$ | tail -n 20; fail "no /healthz within 60 s"; }
  curl -sf -o "$WORK/page.html" "http://127.0.0.1:$port/" || { $ENGINE logs kpi-dashboard-smoke-$$ | tail -n 20; fail "/ did not answer 200"; }
  grep -q '<title>Ecommerce Site Dashboard</title>' "$WORK/page.html" || fail "/ does not look like the dashboard"
  echo "/healthz and / answer 200"

  pid=$($ENGINE inspect --format '{{.State.Pid}}' kpi-dashboard-smoke-$$)
  uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
  [ "$uid" != 0 ] || fail "the dashboard runs as root"
  echo "runs as uid $uid"

  health kpi-dashboard-smoke-$$ || fail "the health check failed on a running dashboard"
  echo "health check passes"

  # The same image with the app not serving (its process replaced by sleep): the check must fail.
  $ENGINE run -d --name kpi-dashboard-broken-$$ --network=host "${NO_TIMER[@]}" -e "ASPNETCORE_HTTP_PORTS=$(free_port)" \
    --entrypoint sleep "$DASHBOARD_IMAGE" 300 >/dev/null 2>>"$WORK/engine.log"
  CLEANUP+=("$ENGINE rm -f -t 0 kpi-dashboard-broken-$$")
  if health kpi-dashboard-broken-$$; then fail "the health check passed while the app was not serving"; fi
  echo "health check fails when the app does not answer"
}

# Runs the image's own HEALTHCHECK once.
health() {
  if [ "$ENGINE" = podman ]; then
    podman healthcheck run "$1" >/dev/null 2>&1
  else
    # docker has no "run the check now": run the HEALTHCHECK's command the way the engine does.
    local cmd
    cmd=$(docker inspect --format '{{range $i, $a := .Config.Healthcheck.Test}}{{if $i}}{{$a}} {{end}}{{end}}' "$1")
    # shellcheck disable=SC2086
    docker exec "$1" $cmd >/dev/null 2>&1
  fi
}

report_sizes() {
  say "Image sizes"
  $ENGINE image ls --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E 'kpi-(pipeline|dashboard):smoke|mcr.microsoft.com/dotnet' || true
  local app
  app=$($ENGINE run --rm --entrypoint du "$PIPELINE_IMAGE" -sm /app | cut -f1)
  echo "pipeline app (/app): ${app} MB"
  # Catches a publish that carries every platform's DuckDB native library (about 500 MB more) or debug
  # symbols; the native executable and DuckDB's library are about 90 MB.
  [ "$app" -lt 150 ] || fail "the pipeline's app is ${app} MB, expected under 150 MB"
  echo "dashboard app (/app): $($ENGINE run --rm --entrypoint du "$DASHBOARD_IMAGE" -sm /app 2>>"$WORK/engine.log" | cut -f1) MB"
}

check_prerequisites
install_dynamodb_local
choose_engine
prune_if_large
check_disk
ensure_base_images
build_images

DYNAMODB_PORT=$(free_port)
say "DynamoDB Local on 127.0.0.1:$DYNAMODB_PORT"
start_dynamodb "$DYNAMODB_PORT" "$WORK/dynamodb.log"
CLEANUP+=("kill $DYNAMODB_PID")

smoke_pipeline
smoke_dashboard
report_sizes
say "Containers: both images built and smoke-tested with $ENGINE"

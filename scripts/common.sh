#!/usr/bin/env bash
# Shared by demo.sh and test.sh: prerequisite checks, tool installs, DynamoDB Local.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export KPI_TOOLS_DIR="$TOOLS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DYNAMODB_SIMULATOR_VERSION="2.9.30"
S3RVER_VERSION="3.7.1"
OIDC_PROVIDER_VERSION="9.13.3"
AWS_CDK_VERSION="2.1148.1"

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

check_prerequisites() {
  command -v dotnet >/dev/null || die ".NET 10 SDK not found: install it from https://dot.net and put 'dotnet' on PATH."
  dotnet --list-sdks | grep -q '^10\.' || die ".NET 10 SDK not found (have: $(dotnet --list-sdks | tr '\n' ' '))."
  command -v java >/dev/null || die "Java 17+ not found: DynamoDB Local needs it (Debian: apt-get install openjdk-17-jre-headless)."
  local java_major
  java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)
  [ "${java_major:-0}" -ge 17 ] || die "Java 17+ required, found Java ${java_major:-unknown}."
  command -v node >/dev/null || die "Node.js 20+ not found: the local S3 (s3rver), the test OpenID provider and DynamoDB Local come from npm."
  local node_major
  node_major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$node_major" -ge 20 ] || die "Node.js 20+ required, found $(node --version)."
  command -v npm >/dev/null || die "npm not found (it ships with Node.js)."
}

# Amazon's DynamoDB Local jar ships inside the npm package amplify-dynamodb-simulator; only the jar is needed.
install_dynamodb_local() {
  [ -f "$TOOLS/dynamodb/DynamoDBLocal.jar" ] && return
  say "Installing DynamoDB Local (npm amplify-dynamodb-simulator@$DYNAMODB_SIMULATOR_VERSION)"
  local work
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent "amplify-dynamodb-simulator@$DYNAMODB_SIMULATOR_VERSION" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$TOOLS"
  rm -rf "$TOOLS/dynamodb"
  mv "$work/package/emulator" "$TOOLS/dynamodb"
  rm -rf "$work"
}

install_s3rver() {
  [ -f "$TOOLS/s3rver/node_modules/s3rver/bin/s3rver.js" ] && return
  say "Installing s3rver@$S3RVER_VERSION"
  mkdir -p "$TOOLS/s3rver"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/s3rver" "s3rver@$S3RVER_VERSION" >/dev/null
}

# The OpenID provider the sign-in tests run against (tests/TestSupport/oidc/server.mjs).
install_oidc_provider() {
  [ -f "$TOOLS/oidc/node_modules/oidc-provider/package.json" ] && return
  say "Installing oidc-provider@$OIDC_PROVIDER_VERSION"
  mkdir -p "$TOOLS/oidc"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/oidc" "oidc-provider@$OIDC_PROVIDER_VERSION" >/dev/null
}

# The CDK CLI, for the test that runs `cdk synth` on infra/ as a user would.
install_aws_cdk() {
  [ -x "$TOOLS/aws-cdk/node_modules/.bin/cdk" ] && return
  say "Installing aws-cdk@$AWS_CDK_VERSION"
  mkdir -p "$TOOLS/aws-cdk"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/aws-cdk" "aws-cdk@$AWS_CDK_VERSION" >/dev/null
}

install_chromium() {
  [ -x /usr/bin/chromium ] && return
  say "Installing Debian's Chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "Chromium missing and apt-get unavailable: install Chromium at /usr/bin/chromium."
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# The pipeline publishes as one native executable (native AOT): clang compiles and links it, with zlib's headers.
install_native_toolchain() {
  command -v clang >/dev/null && [ -f /usr/include/zlib.h ] && return
  say "Installing Debian's clang and zlib1g-dev (the pipeline's native AOT publish)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "clang or zlib's headers missing and apt-get unavailable: install clang and zlib1g-dev."
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang zlib1g-dev >/dev/null
}

# publish_native PROJECT OUT: a project that imports src/Pipeline/NativeAot.props (the pipeline, the bench's
# baseline) published as the image ships the pipeline, one native executable for this machine's runtime, into
# OUT; from clean folders, so an earlier publish's intermediate files for the runtime are not reused.
publish_native() {
  local project=$ROOT/$1 out=$2 rid
  case "$(uname -m)" in aarch64 | arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  install_native_toolchain
  rm -rf "$out" "$project/obj/Release/net10.0/$rid" "$project/bin/Release/net10.0/$rid"
  dotnet publish "$project" -c Release -r "$rid" -o "$out" -nologo -v quiet
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_dynamodb PORT LOGFILE: DynamoDB Local on loopback, shared across credentials, until this shell exits.
start_dynamodb() {
  local port=$1 log=$2
  java -Djava.library.path="$TOOLS/dynamodb/DynamoDBLocal_lib" -jar "$TOOLS/dynamodb/DynamoDBLocal.jar" \
    -inMemory -sharedDb -port "$port" >"$log" 2>&1 &
  DYNAMODB_PID=$!
  for _ in $(seq 1 60); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return; fi
    kill -0 "$DYNAMODB_PID" 2>/dev/null || die "DynamoDB Local exited; see $log"
    sleep 0.5
  done
  die "DynamoDB Local did not listen on port $port within 30 s; see $log"
}

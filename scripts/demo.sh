#!/usr/bin/env bash
# The main job on the embedded default: DynamoDB Local, the sample data set, the pipeline, then the dashboard.
# KPI_DEMO_SOURCE=<folder> uses that data instead; KPI_DEMO_SOURCE=generated generates demo data
# (KPI_DEMO_ORDERS orders, default 20000).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites
install_dynamodb_local

DEMO="$ROOT/.demo"
mkdir -p "$DEMO"
cd "$ROOT"

say "Building"
dotnet build Kpi.sln -c Release -nologo -v quiet

DYNAMODB_PORT=$(free_port)
say "Starting DynamoDB Local on 127.0.0.1:$DYNAMODB_PORT"
start_dynamodb "$DYNAMODB_PORT" "$DEMO/dynamodb.log"
trap 'kill "$DYNAMODB_PID" 2>/dev/null || true' EXIT

# DynamoDB Local accepts any alphanumeric key pair; these are not AWS credentials.
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$DYNAMODB_PORT" AWS_REGION="eu-west-1"
export AWS_ACCESS_KEY_ID="demo" AWS_SECRET_ACCESS_KEY="demo"

PIPELINE=(dotnet "$ROOT/src/Pipeline/bin/Release/net10.0/Kpi.Pipeline.dll")
SOURCE="${KPI_DEMO_SOURCE:-$ROOT/samples/ecommerce}"
if [ "$SOURCE" = "generated" ]; then
  SOURCE="$DEMO/data"
  say "Generating demo data in $SOURCE"
  rm -rf "$SOURCE"
  "${PIPELINE[@]}" generate --out "$SOURCE" --orders "${KPI_DEMO_ORDERS:-20000}" --seed 42
fi

say "Running the pipeline (engine duckdb)"
"${PIPELINE[@]}" run --source "$SOURCE" --create-tables

say "KPI tables in DynamoDB Local at $AWS_ENDPOINT_URL_DYNAMODB"
"${PIPELINE[@]}" show

# Run now in the dashboard starts this checkout's pipeline on the same source (the local launcher).
export KPI_SOURCE="$SOURCE"
# The data-protection key ring's table (kpi_dataprotection): the stack creates it in AWS, the dashboard here.
export KPI_DATAPROTECTION_CREATE_TABLE=true
say "Dashboard: http://127.0.0.1:5000  (Run now recomputes from $SOURCE; Ctrl+C stops it and DynamoDB Local)"
cd "$ROOT/src/Dashboard/bin/Release/net10.0"
ASPNETCORE_URLS="http://127.0.0.1:5000" dotnet Kpi.Dashboard.dll

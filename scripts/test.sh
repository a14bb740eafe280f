#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then runs every test project.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

check_prerequisites
install_dynamodb_local
install_s3rver
install_chromium

cd "$ROOT"
say "Building"
dotnet build Kpi.sln -c Release -nologo -v quiet
say "Testing"
dotnet test Kpi.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@"

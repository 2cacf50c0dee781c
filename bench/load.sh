#!/usr/bin/env bash
# Load test with PostgreSQL: starts a private cluster (scripts/postgres.sh), runs bench/load.ts
# with the given arguments, stops the cluster.   bash bench/load.sh [--duration 20] [--rate 40]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh
source scripts/postgres.sh
ensure_toolchain >/dev/null
ensure_system_packages postgresql
start_test_postgres
trap stop_test_postgres EXIT
node --require @backstage/cli/config/nodeTransform.cjs bench/load.ts "$@"

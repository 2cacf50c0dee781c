#!/usr/bin/env bash
# Screenshots of the built app (packages/app/dist) served by a throw-away browser-test backend:
#   bash scripts/e2e-screens.sh <port> [--lang ja] /path ...
# Starts scripts/e2e-backend.sh on <port> (sandbox on <port>+100), waits until it is ready,
# runs scripts/screenshot.mjs against it, then stops what it started. PNGs go to .cache/screens.
set -euo pipefail
cd "$(dirname "$0")/.."
port="$1"; shift
export PATH="$PWD/.toolchain/bin:$PWD/.toolchain/node/bin:$PATH"
setsid bash scripts/e2e-backend.sh "$port" >".cache/e2e-screens-$port.log" 2>&1 &
pid=$!
trap 'kill -- -"$pid" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$port/.backstage/health/v1/readiness" >/dev/null && break
  sleep 1
done
node scripts/screenshot.mjs --base "http://localhost:$port" "$@"

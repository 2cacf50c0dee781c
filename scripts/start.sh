#!/usr/bin/env bash
# Starts the portal in development mode against the sandbox simulators. Run through `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."

root="$PWD"
configs=(--config "$root/app-config.yaml" --config "$root/app-config.sandbox.yaml")
[ -f app-config.local.yaml ] && configs+=(--config "$root/app-config.local.yaml")
if [ -n "${PORTAL_POSTGRES_URL:-}" ]; then
  configs+=(--config "$root/app-config.postgres.yaml")
  echo "[portal] database: PostgreSQL (PORTAL_POSTGRES_URL)"
else
  echo "[portal] database: SQLite files in data/sqlite"
fi

# The sandbox simulators (Kubernetes, Datadog, PagerDuty, GitHub on :7106 with the example company's
# repositories, teams and members) that app-config.sandbox.yaml points at.
mkdir -p data/sandbox
node --require @backstage/cli/config/nodeTransform.cjs packages/sandbox/src/cli.ts --tls-dir data/sandbox/tls &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null' EXIT INT TERM
for _ in $(seq 1 50); do
  curl -sf http://127.0.0.1:7100/health >/dev/null 2>&1 && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "[portal] the sandbox did not start" >&2; exit 1; }
  sleep 0.2
done

echo "[portal] starting: app http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops)"
yarn backstage-cli repo start "${configs[@]}"

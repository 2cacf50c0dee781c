#!/usr/bin/env bash
# Starts the portal in development mode against the sandbox simulators. Run through `npm start`.
set -euo pipefail
cd "$(dirname "$0")/.."

root="$PWD"
configs=(--config "$root/app-config.yaml")
[ -f app-config.local.yaml ] && configs+=(--config "$root/app-config.local.yaml")
if [ -n "${PORTAL_POSTGRES_URL:-}" ]; then
  configs+=(--config "$root/app-config.postgres.yaml")
  echo "[portal] database: PostgreSQL (PORTAL_POSTGRES_URL)"
else
  echo "[portal] database: SQLite files in data/sqlite"
fi

echo "[portal] starting: app http://localhost:3000, backend http://localhost:7007 (Ctrl-C stops)"
exec yarn backstage-cli repo start "${configs[@]}"

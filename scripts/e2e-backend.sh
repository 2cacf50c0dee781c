#!/usr/bin/env bash
# Starts the backend for browser tests on port $1: it serves the built app (packages/app/dist),
# keeps its data in memory, and the catalog holds the example organisation.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
port="${1:-7017}"
cat > "$root/.cache/app-config.e2e.yaml" <<YAML
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
  cors: { origin: http://localhost:$port }
  database:
    client: better-sqlite3
    connection: ':memory:'
YAML
cd packages/backend
exec yarn backstage-cli package start --config "$root/app-config.yaml" --config "$root/.cache/app-config.e2e.yaml"

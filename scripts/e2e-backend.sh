#!/usr/bin/env bash
# Starts the backend for browser tests on port $1 with its own sandbox simulators (ports from
# $1+100): it serves the built app (packages/app/dist), keeps its data in memory, and the catalog
# holds the example organisation, read from the sandbox's GitHub ($1+106).
# $2 is the sandbox world: `example` (default) or `company` (packages/sandbox/src/world/company.ts:
# ~150 services in 12 teams on three clusters, the third on $1+107, vendors answering in 200–800 ms
# with their rate limits; the sandbox's GitHub then serves the company's catalog).
# The config is written to .cache/app-config.e2e-<port>.yaml, so two backends on two ports can run.
# PORTAL_E2E_SANDBOX_OFFSET (default 100) moves the sandbox to $1+offset, for a port range narrower
# than 200 (the sandbox takes offset … offset+7).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
port="${1:-7017}"
world="${2:-example}"
case "$world" in
  example | company) ;;
  *) echo "usage: $0 [port] [example|company]" >&2; exit 2 ;;
esac
sb=$((port + ${PORTAL_E2E_SANDBOX_OFFSET:-100}))
config="$root/.cache/app-config.e2e-$port.yaml"
mkdir -p "$root/.cache"
node --require @backstage/cli/config/nodeTransform.cjs packages/sandbox/src/cli.ts \
  --tls-dir "$root/.cache/sandbox-tls" --port-base "$sb" --world "$world" >"$root/.cache/e2e-sandbox-$port.log" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null' EXIT INT TERM
# The company world's third cluster (its name in packages/sandbox/src/world/company.ts).
third_cluster=""
# The company world keeps Datadog's default cache (slow and rate-limited, like production's).
datadog_cache="
    # Short, so a browser test can fault Datadog and see its cards go stale.
    cacheTtlSeconds: 2"
if [ "$world" = company ]; then
  third_cluster="
      - name: aws-osaka
        url: http://127.0.0.1:$((sb + 7))
        serviceAccountToken: sandbox-service-account-token
        skipTLSVerify: true"
  datadog_cache=""
fi
cat > "$config" <<YAML
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
  cors: { origin: http://localhost:$port }
  database:
    client: better-sqlite3
    connection: ':memory:'
infra:
  kubernetes:
    clusters:
      - name: aws-tokyo
        url: http://127.0.0.1:$((sb + 1))
        serviceAccountToken: sandbox-service-account-token
        skipTLSVerify: true
      - name: gcp-osaka
        url: http://127.0.0.1:$((sb + 2))
        serviceAccountToken: sandbox-service-account-token
        skipTLSVerify: true$third_cluster
  datadog:
    baseUrl: http://127.0.0.1:$((sb + 3))$datadog_cache
  pagerduty:
    apiBaseUrl: http://127.0.0.1:$((sb + 4))
    eventsServer: 127.0.0.1:$((sb + 5))
    eventsCaFile: $root/.cache/sandbox-tls/cert.pem
# The sandbox's GitHub (same provider ids as app-config.sandbox.yaml, so these replace its addresses).
integrations:
  github:
    - host: 127.0.0.1:$((sb + 6))
      apiBaseUrl: http://127.0.0.1:$((sb + 6))/api/v3
      token: sandbox-github-token
catalog:
  providers:
    github:
      exampleCo:
        host: 127.0.0.1:$((sb + 6))
    githubOrg:
      githubUrl: http://127.0.0.1:$((sb + 6))
YAML
# `npm test` configures a GitHub token (a secret the secrets test looks for) through
# APP_CONFIG_integrations_github, which replaces the whole list: keep the sandbox's entry in it.
if [ -n "${APP_CONFIG_integrations_github:-}" ]; then
  APP_CONFIG_integrations_github="$(SB_GITHUB="127.0.0.1:$((sb + 6))" node -e '
    const list = JSON.parse(process.env.APP_CONFIG_integrations_github);
    const host = process.env.SB_GITHUB;
    list.push({ host, apiBaseUrl: `http://${host}/api/v3`, token: "sandbox-github-token" });
    process.stdout.write(JSON.stringify(list));')"
  export APP_CONFIG_integrations_github
fi
cd packages/backend
# The backend's own output is kept in .cache/e2e-backend-<port>.log (the secrets test reads it).
if [ "$world" = company ]; then
  # Without the CLI's file watcher (started like the readiness tests' portalProcess.ts): a change
  # of any source file would restart the backend, emptying its in-memory catalog and its caches,
  # and the company's fleet takes minutes to read again from the slow, rate-limited vendors.
  NODE_ENV=development node --require @backstage/cli/config/nodeTransform.cjs src/index.ts \
    --config "$root/app-config.yaml" --config "$root/app-config.sandbox.yaml" --config "$config" 2>&1 |
    tee "$root/.cache/e2e-backend-$port.log"
else
  yarn backstage-cli package start --config "$root/app-config.yaml" --config "$root/app-config.sandbox.yaml" --config "$config" 2>&1 |
    tee "$root/.cache/e2e-backend-$port.log"
fi

#!/usr/bin/env bash
# The whole test suite. Run through `npm test` (which first brings the toolchain and dependencies).
#   1. system packages the tests need: Debian's chromium and PostgreSQL (installed when missing)
#   2. a private PostgreSQL cluster on a free loopback port, for the store tests
#   3. static checks: ESLint with Backstage's config in every package, and Prettier over the repo
#   4. type check (tsc), 5. unit and store tests (Jest via backstage-cli), 6. the portal's own
#   readiness tests (whole backends: roles, bad input, scale-out with Redis), 7. browser tests
#   (Playwright + headless Chromium) against a freshly built app.
# Prints one summary line at the end; exits non-zero when anything failed.
# PORTAL_TEST_STEPS=static,tsc,jest,readiness,e2e (any subset; default: all) runs only those steps.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/toolchain.sh
source scripts/postgres.sh
REPORTS="$ROOT/.cache/test-reports"
rm -rf "$REPORTS" && mkdir -p "$REPORTS"
failed_steps=()
step() { printf '\n[portal] == %s ==\n' "$1" >&2; }
wanted() { [[ ",${PORTAL_TEST_STEPS:-static,tsc,jest,readiness,e2e}," == *",$1,"* ]]; }

step "system packages"
ensure_system_packages chromium postgresql redis-server || failed_steps+=(system-packages)

step "PostgreSQL for store tests"
if start_test_postgres; then
  echo "[portal] PostgreSQL $PORTAL_TEST_POSTGRES_MAJOR on 127.0.0.1:$PORTAL_TEST_POSTGRES_PORT" >&2
else
  failed_steps+=(postgres)
fi
trap stop_test_postgres EXIT

static_status=skipped
if wanted static; then
  step "static checks (ESLint with Backstage's config, Prettier)"
  static_status=ok
  # Every package's .eslintrc.js is Backstage's eslint-factory; warnings are reported, errors fail.
  yarn backstage-cli repo lint || { static_status=failed; failed_steps+=(lint); }
  # Formatting: .prettierrc.js (Backstage's settings, 120 columns), files as .prettierignore says.
  yarn prettier --check --loglevel warn . || { static_status=failed; failed_steps+=(prettier); }
fi

tsc_status=skipped
if wanted tsc; then
  step "type check"
  tsc_status=ok
  yarn tsc || { tsc_status=failed; failed_steps+=(tsc); }
fi

if wanted jest; then
  step "unit and store tests (Jest)"
  # 20 s per test: this machine has two cores, and the UI tests share them with the store tests.
  CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1 yarn backstage-cli repo test --testTimeout=20000 \
    --testPathIgnorePatterns=/src/readiness/ \
    --json --outputFile="$REPORTS/jest.json" "$@" || failed_steps+=(jest)
fi

if wanted readiness; then
  step "readiness tests (real backend processes on PostgreSQL and Redis, one file at a time)"
  # Each file starts two whole backends; run them alone so they neither starve nor are starved.
  CI=true BACKSTAGE_TEST_DISABLE_DOCKER=1 yarn backstage-cli repo test --runInBand \
    --json --outputFile="$REPORTS/jest-readiness.json" packages/backend/src/readiness ||
    failed_steps+=(readiness)
fi

if wanted e2e; then
  step "browser tests (Playwright, headless Chromium)"
  # Secrets configured for the build and the browser-test backend, which the secrets test then looks
  # for in the bundle, in every response and in the backend's log (packages/app/e2e-tests/secrets.test.ts).
  PORTAL_TEST_SECRET_SENTINEL="portal-sentinel-$(date +%s)-$RANDOM$RANDOM"
  export PORTAL_TEST_SECRET_SENTINEL
  export APP_CONFIG_auth_session_secret="$PORTAL_TEST_SECRET_SENTINEL-session"
  export APP_CONFIG_backend_auth_externalAccess="[{\"type\":\"static\",\"options\":{\"token\":\"$PORTAL_TEST_SECRET_SENTINEL-static\",\"subject\":\"ci-secrets-check\"}}]"
  export APP_CONFIG_integrations_github="[{\"host\":\"github.com\",\"token\":\"$PORTAL_TEST_SECRET_SENTINEL-github\"}]"
  if yarn workspace app build >"$REPORTS/app-build.log" 2>&1; then
    PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/e2e.json" yarn playwright test --reporter=list,json ||
      failed_steps+=(e2e)
  else
    tail -40 "$REPORTS/app-build.log" >&2
    failed_steps+=(app-build)
  fi
fi

node scripts/test-summary.mjs "$REPORTS" "$tsc_status" "$static_status" "${failed_steps[*]:-}"
[ ${#failed_steps[@]} -eq 0 ]

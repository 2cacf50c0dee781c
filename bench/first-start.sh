#!/usr/bin/env bash
# Measures what a newcomer lives through: a fresh clone of HEAD, then
#   1. first `npm start` with empty npm and Yarn caches, until :7007 and :3000 both answer
#   2. second `npm start` (everything installed), until both answer
#   3. `npm test` (full suite)
# and the size of the install. Usage: bench/first-start.sh [--warm-cache] [--skip-test]
# Needs ports 3000 and 7007 free. Prints one line per figure.
set -uo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/portal-bench.XXXXXX)"
cold=1; run_test=1
for a in "$@"; do
  case "$a" in --warm-cache) cold=0 ;; --skip-test) run_test=0 ;; esac
done
git clone -q "$repo" "$work/portal"
cd "$work/portal"
# The clone is not beside ../shared: point the contract tests at the original one.
[ -d "$repo/../shared/contracts" ] && export PORTAL_CONTRACTS_DIR="$repo/../shared/contracts"
if [ "$cold" = 1 ]; then
  export npm_config_cache="$work/npm-cache" YARN_GLOBAL_FOLDER="$work/yarn-global"
fi

wait_up() { # <pid> <log>: seconds until both ports answer, or FAILED
  local t0=$SECONDS
  while kill -0 "$1" 2>/dev/null; do
    if curl -sf localhost:7007/.backstage/health/v1/readiness >/dev/null && curl -sf localhost:3000 >/dev/null; then
      echo $((SECONDS - t0)); return 0
    fi
    sleep 1
  done
  echo FAILED; tail -20 "$2" >&2; return 1
}
stop_tree() { # ends the start command and everything it started (its own process group)
  kill -- -"$1" 2>/dev/null; wait "$1" 2>/dev/null
  sleep 2
}

set -m
npm start >"$work/start1.log" 2>&1 & pid=$!
first=$(wait_up $pid "$work/start1.log"); stop_tree $pid
npm start >"$work/start2.log" 2>&1 & pid=$!
second=$(wait_up $pid "$work/start2.log"); stop_tree $pid
set +m

echo "first start (fresh clone$([ $cold = 1 ] && echo ', empty caches')): ${first}s"
echo "second start: ${second}s"
echo "node_modules: $(du -sh node_modules | cut -f1), .toolchain: $(du -sh .toolchain | cut -f1), top-level packages: $(ls -d node_modules/*/ node_modules/@*/*/ 2>/dev/null | grep -vc '/@[^/]*/$')"
if [ "$run_test" = 1 ]; then
  t0=$SECONDS
  npm test >"$work/test.log" 2>&1; rc=$?
  echo "npm test: $((SECONDS - t0))s (exit $rc)"
  grep 'TEST SUMMARY' "$work/test.log"
fi
echo "logs in $work"

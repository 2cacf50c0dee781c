#!/usr/bin/env bash
# The two commands of the README:
#   npm start   brings up the portal (app :3000, backend :7007) with the sandbox simulators
#   npm test    runs the whole test suite
# Both work with only the system Node and npm: they bring Node 24 and Yarn 4 into .toolchain/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

cmd="${1:-start}"
shift || true

case "$cmd" in
  start)
    ensure_toolchain
    ensure_dependencies
    mkdir -p data
    exec bash scripts/start.sh "$@"
    ;;
  test)
    ensure_toolchain
    PORTAL_INSTALL_FLAGS="${CI:+--immutable}" ensure_dependencies
    exec bash scripts/test.sh "$@"
    ;;
  *)
    echo "usage: scripts/portal.sh start|test" >&2
    exit 2
    ;;
esac

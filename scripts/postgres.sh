#!/usr/bin/env bash
# Helpers sourced by scripts/test.sh: Debian packages and a throw-away PostgreSQL cluster.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# ensure_system_packages <debian package>...: installs the ones whose programs are missing.
ensure_system_packages() {
  local missing=()
  for pkg in "$@"; do
    case "$pkg" in
      chromium) [ -x /usr/bin/chromium ] || missing+=(chromium)
        # Japanese glyphs for screenshots and browser tests
        [ -d /usr/share/fonts/opentype/ipafont-gothic ] || missing+=(fonts-ipafont-gothic) ;;
      postgresql) ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) ;;
      redis-server) [ -x /usr/bin/redis-server ] || missing+=(redis-server) ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "[portal] installing Debian packages: ${missing[*]}" >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
    { as_root apt-get update >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >&2; }
}

# start_test_postgres: a private cluster in a temp dir (trust auth, loopback only, fsync off),
# exported as BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING for TestDatabases.
# PORTAL_TEST_POSTGRES_URL=<url> (with PORTAL_TEST_POSTGRES_MAJOR) uses an existing server instead.
start_test_postgres() {
  if [ -n "${PORTAL_TEST_POSTGRES_URL:-}" ]; then
    PORTAL_TEST_POSTGRES_MAJOR="${PORTAL_TEST_POSTGRES_MAJOR:-16}"
    export "BACKSTAGE_TEST_DATABASE_POSTGRES${PORTAL_TEST_POSTGRES_MAJOR}_CONNECTION_STRING=$PORTAL_TEST_POSTGRES_URL"
    PORTAL_TEST_POSTGRES_PORT="(external)"
    return 0
  fi
  local bindir
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$bindir/initdb" ] || { echo "[portal] no PostgreSQL server binaries found" >&2; return 1; }
  PORTAL_TEST_POSTGRES_DIR="$(mktemp -d /tmp/portal-test-pg.XXXXXX)"
  PORTAL_TEST_POSTGRES_PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PORTAL_TEST_POSTGRES_DIR"
    run=(runuser -u postgres --)
  fi
  PORTAL_TEST_POSTGRES_RUN=("${run[@]}")
  "${run[@]}" "$bindir/initdb" -D "$PORTAL_TEST_POSTGRES_DIR/data" -U postgres --auth=trust >"$PORTAL_TEST_POSTGRES_DIR/initdb.log" 2>&1 ||
    { cat "$PORTAL_TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bindir/pg_ctl" -D "$PORTAL_TEST_POSTGRES_DIR/data" -l "$PORTAL_TEST_POSTGRES_DIR/server.log" -w \
    -o "-p $PORTAL_TEST_POSTGRES_PORT -k $PORTAL_TEST_POSTGRES_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off" \
    start >/dev/null || { cat "$PORTAL_TEST_POSTGRES_DIR/server.log" >&2; return 1; }
  PORTAL_TEST_POSTGRES_BINDIR="$bindir"
  PORTAL_TEST_POSTGRES_MAJOR="$("$bindir/postgres" --version | grep -oE '[0-9]+' | head -n 1)"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${PORTAL_TEST_POSTGRES_MAJOR}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$PORTAL_TEST_POSTGRES_PORT"
  export PORTAL_TEST_POSTGRES_MAJOR
}

stop_test_postgres() {
  [ -n "${PORTAL_TEST_POSTGRES_DIR:-}" ] || return 0
  "${PORTAL_TEST_POSTGRES_RUN[@]}" "$PORTAL_TEST_POSTGRES_BINDIR/pg_ctl" -D "$PORTAL_TEST_POSTGRES_DIR/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$PORTAL_TEST_POSTGRES_DIR"
  PORTAL_TEST_POSTGRES_DIR=""
}

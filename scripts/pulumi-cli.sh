#!/usr/bin/env bash
# Finds a Pulumi CLI for `npm start`, the end-to-end tests and CI, and prints the directory that holds it (the last
# line of stdout; progress goes to stderr):
#   1. `pulumi` on PATH, if it has its Node.js language host beside it (a user's own install; only the binary is
#      used: callers give it their own PULUMI_HOME and backend);
#   2. else a cached build: ${CERTMANAGER_KR_CACHE:-~/.cache/pulumi-certmanager-kr}/pulumi-v<version>/bin;
#   3. else it builds the CLI from its Go modules into that cache (several minutes cold; measured figures in
#      README.md), at the version of @pulumi/pulumi in package-lock.json.
# Beside the binary it puts the two plugins a Node.js program needs: `pulumi-resource-pulumi-nodejs` (Pulumi's
# dynamic-provider host, run from the program's node_modules) and `pulumi-language-nodejs`. Pulumi's Go language
# host module is not served by the module proxy here, so unless CERTMANAGER_KR_LANGUAGE_HOST_VERSION names a
# version that the proxy serves, the language host is scripts/pulumi-cli/language-host.js, which runs programs
# with Pulumi's own runner (@pulumi/pulumi/cmd/run) as the Go host does.
# Options: --no-path (ignore PATH), --rebuild (ignore the cache), --no-build (exit 4 instead of building).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
use_path=1
rebuild=0
build=1
for arg in "$@"; do
  case "$arg" in
    --no-path) use_path=0 ;;
    --rebuild) rebuild=1 ;;
    --no-build) build=0 ;;
    *) echo "pulumi-cli.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { echo "[pulumi-cli] $*" >&2; }

version="$(node -p 'require(process.argv[1]).packages["node_modules/@pulumi/pulumi"].version' "$root/package-lock.json")"
cache_root="${CERTMANAGER_KR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-certmanager-kr}"
cache="$cache_root/pulumi-v$version"
bin="$cache/bin"

install_plugins() { # $1: directory that holds `pulumi`
  local dir="$1"
  cat >"$dir/pulumi-resource-pulumi-nodejs.tmp" <<'EOF'
#!/bin/sh
# Pulumi's dynamic-provider host, from the program's own @pulumi/pulumi (the engine starts it in the program directory).
exec node "$(node -e 'process.stdout.write(require("module").createRequire(process.cwd() + "/package.json").resolve("@pulumi/pulumi/cmd/dynamic-provider"))')" "$@"
EOF
  cat >"$dir/pulumi-language-nodejs.tmp" <<'EOF'
#!/bin/sh
exec node "$(dirname "$0")/language-host.js" "$@"
EOF
  cp "$here/pulumi-cli/language-host.js" "$dir/language-host.js.tmp"
  chmod 0755 "$dir/pulumi-resource-pulumi-nodejs.tmp" "$dir/pulumi-language-nodejs.tmp"
  mv -f "$dir/pulumi-resource-pulumi-nodejs.tmp" "$dir/pulumi-resource-pulumi-nodejs"
  mv -f "$dir/language-host.js.tmp" "$dir/language-host.js"
  # A Go language host built from the proxy stays; otherwise ours is the language host.
  if [ -f "$dir/.go-language-host" ]; then rm -f "$dir/pulumi-language-nodejs.tmp"; else mv -f "$dir/pulumi-language-nodejs.tmp" "$dir/pulumi-language-nodejs"; fi
}

cached_version() { "$bin/pulumi" version 2>/dev/null || true; }

if [ "$use_path" = 1 ] && command -v pulumi >/dev/null 2>&1; then
  on_path="$(dirname "$(command -v pulumi)")"
  if [ -x "$on_path/pulumi-language-nodejs" ]; then
    log "using pulumi $(pulumi version 2>/dev/null) from PATH ($on_path)"
    echo "$on_path"
    exit 0
  fi
  log "pulumi on PATH ($on_path) has no pulumi-language-nodejs beside it; not using it"
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock-v$version"
flock 9 # one build at a time, whoever asks

if [ "$rebuild" = 0 ] && [ "$(cached_version)" = "v$version" ]; then
  install_plugins "$bin"
  log "using the cached build of pulumi v$version ($bin)"
  echo "$bin"
  exit 0
fi

if [ "$build" = 0 ]; then
  log "no Pulumi CLI on PATH or in $bin (run scripts/pulumi-cli.sh to build it)"
  exit 4
fi

if ! command -v go >/dev/null 2>&1; then
  log "no Pulumi CLI: not on PATH, not cached, and no Go toolchain to build it. Install the CLI, then run again:"
  log "  curl -fsSL https://get.pulumi.com | sh -s -- --version $version"
  log "  or see https://www.pulumi.com/docs/install/ (or install Go >= 1.25 and this script builds it)"
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
started=$(date +%s)
log "building pulumi v$version from its Go modules with $(go version | cut -d' ' -f3) into $cache"
log "this takes about 9 minutes on 2 cores with an empty Go cache, under a minute with a warm one"
work="$cache/build"
rm -rf "$work" "$cache/bin.new"
mkdir -p "$work" "$cache/bin.new"
# A throwaway module that requires the CLI: `go install module@version` refuses modules with replace directives.
# The one replace that matters for the build is copied from pkg/go.mod.
cat >"$work/go.mod" <<EOF
module certmanager-kr/pulumi-cli-build

go 1.25

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
EOF
cat >"$work/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
EOF
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version"
(
  cd "$work"
  log "resolving modules (go get github.com/pulumi/pulumi/pkg/v3@v$version) ..."
  go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" 2>&1 | grep -v '^go: \(downloading\|added\)' >&2 || true
  log "compiling the CLI (the long part) ..."
  go build -trimpath -ldflags "$ldflags" -o "$cache/bin.new/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  if [ -n "${CERTMANAGER_KR_LANGUAGE_HOST_VERSION:-}" ]; then
    lh="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
    log "building Pulumi's Go language host $lh@$CERTMANAGER_KR_LANGUAGE_HOST_VERSION ..."
    go get "$lh@$CERTMANAGER_KR_LANGUAGE_HOST_VERSION" >&2
    go build -trimpath -ldflags "$ldflags" -o "$cache/bin.new/pulumi-language-nodejs" "$lh"
    touch "$cache/bin.new/.go-language-host"
  fi
)
rm -rf "$bin"
mv "$cache/bin.new" "$bin"
rm -rf "$work"
install_plugins "$bin"
got="$(cached_version)"
if [ "$got" != "v$version" ]; then
  log "the build reports version '$got', expected v$version"
  exit 1
fi
log "built pulumi $got in $(( $(date +%s) - started )) s"
echo "$bin"

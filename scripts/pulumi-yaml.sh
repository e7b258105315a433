#!/usr/bin/env bash
# Finds Pulumi YAML's language host (`pulumi-language-yaml`) for the YAML end-to-end test and CI, and prints the
# directory that holds it (the last line of stdout; progress goes to stderr):
#   1. `pulumi-language-yaml` on PATH (a user's own Pulumi install ships it);
#   2. else a cached build: ${CERTMANAGER_KR_CACHE:-~/.cache/pulumi-certmanager-kr}/pulumi-yaml-v<version>/bin;
#   3. else it builds github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml from the Go module proxy into that
#      cache (a few minutes on 2 cores with a warm Go cache from scripts/pulumi-cli.sh).
# The engine finds a language host on PATH, so callers put this directory on PATH beside the CLI's.
# Options: --no-path (ignore PATH), --rebuild (ignore the cache), --no-build (exit 4 instead of building).
set -euo pipefail
version="${CERTMANAGER_KR_PULUMI_YAML_VERSION:-1.25.0}"
use_path=1
rebuild=0
build=1
for arg in "$@"; do
  case "$arg" in
    --no-path) use_path=0 ;;
    --rebuild) rebuild=1 ;;
    --no-build) build=0 ;;
    *) echo "pulumi-yaml.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { echo "[pulumi-yaml] $*" >&2; }

cache_root="${CERTMANAGER_KR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-certmanager-kr}"
cache="$cache_root/pulumi-yaml-v$version"
bin="$cache/bin"

if [ "$use_path" = 1 ] && command -v pulumi-language-yaml >/dev/null 2>&1; then
  on_path="$(dirname "$(command -v pulumi-language-yaml)")"
  log "using pulumi-language-yaml from PATH ($on_path)"
  echo "$on_path"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.lock-yaml-v$version"
flock 9 # one build at a time, whoever asks

# The build writes this marker last, so a half-built directory is never taken for a finished one.
if [ "$rebuild" = 0 ] && [ -x "$bin/pulumi-language-yaml" ] && [ "$(cat "$bin/.version" 2>/dev/null)" = "v$version" ]; then
  log "using the cached build of pulumi-language-yaml v$version ($bin)"
  echo "$bin"
  exit 0
fi

if [ "$build" = 0 ]; then
  log "no pulumi-language-yaml on PATH or in $bin (run scripts/pulumi-yaml.sh to build it)"
  exit 4
fi

if ! command -v go >/dev/null 2>&1; then
  log "no pulumi-language-yaml: not on PATH, not cached, and no Go toolchain to build it."
  log "  install Pulumi (https://www.pulumi.com/docs/install/), which ships it, or install Go >= 1.25"
  exit 3
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--mod=mod}"
started=$(date +%s)
module="github.com/pulumi/pulumi-yaml"
log "building $module/cmd/pulumi-language-yaml v$version with $(go version | cut -d' ' -f3) into $cache"
work="$cache/build"
rm -rf "$work" "$cache/bin.new"
mkdir -p "$work" "$cache/bin.new"
# A throwaway module that requires the host, as scripts/pulumi-cli.sh does for the CLI.
cat >"$work/go.mod" <<EOF
module certmanager-kr/pulumi-yaml-build

go 1.25
EOF
cat >"$work/tools.go" <<'EOF'
//go:build tools

package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
EOF
(
  cd "$work"
  log "resolving modules (go get $module@v$version) ..."
  go get "$module/cmd/pulumi-language-yaml@v$version" 2>&1 | grep -v '^go: \(downloading\|added\)' >&2 || true
  log "compiling ..."
  go build -trimpath -ldflags "-s -w -X $module/pkg/version.Version=v$version" \
    -o "$cache/bin.new/pulumi-language-yaml" "$module/cmd/pulumi-language-yaml"
)
echo "v$version" >"$cache/bin.new/.version"
rm -rf "$bin"
mv "$cache/bin.new" "$bin"
rm -rf "$work"
log "built pulumi-language-yaml v$version in $(( $(date +%s) - started )) s"
echo "$bin"

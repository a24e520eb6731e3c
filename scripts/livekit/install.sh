#!/usr/bin/env bash
# Builds the LiveKit server we test against (v1.13.5) into .cache/livekit/livekit-server.
# Idempotent: a cached binary that reports the right version is kept.
#   install.sh            build it unless cached
#   install.sh --status   print "cached <version>" or "missing <version>" and build nothing
set -euo pipefail

version="1.13.5"
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.cache/livekit"
binary="$dir/livekit-server"

say() { printf 'livekit install: %s\n' "$*"; }

cached() { [ -x "$binary" ] && "$binary" --version 2>/dev/null | grep -q "version $version\$"; }

if [ "${1:-}" = "--status" ]; then
  if cached; then echo "cached $version"; else echo "missing $version"; fi
  exit 0
fi

if cached; then
  say "cached $("$binary" --version) at $binary"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  say "Go is not installed; calls stay unavailable until $binary exists (needs go >= 1.24)" >&2
  exit 1
fi

mkdir -p "$dir"
say "building github.com/livekit/livekit-server/cmd/server@v$version with $(go version | cut -d' ' -f3) (takes a few minutes the first time)"
GOBIN="$dir" go install "github.com/livekit/livekit-server/cmd/server@v$version"
mv -f "$dir/server" "$binary"

if ! "$binary" --version | grep -q "version $version\$"; then
  say "built binary reports '$("$binary" --version)', expected $version" >&2
  exit 1
fi
say "installed $("$binary" --version) at $binary"

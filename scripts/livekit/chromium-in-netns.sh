#!/usr/bin/env bash
# Playwright `executablePath` for a browser whose network is namespace $HALLWAY_NETNS
# (see netns.ts): Playwright drives it over a pipe, so only its web traffic moves.
set -euo pipefail
[[ "${HALLWAY_NETNS:-}" =~ ^hwl-[a-z0-9]{1,10}$ ]] || { echo "chromium-in-netns: set HALLWAY_NETNS" >&2; exit 2; }
exec ip netns exec "$HALLWAY_NETNS" "${HALLWAY_CHROMIUM:-/usr/bin/chromium}" "$@"

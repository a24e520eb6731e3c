#!/usr/bin/env bash
# Network namespaces for running the LiveKit SFU (and an impaired client) off the host's loopback:
# Chromium gathers no loopback ICE candidates, so the SFU needs a real interface of its own.
#
#   netns.sh up NS BASE                 namespace NS + veth to the host; host BASE+1/30, NS BASE+2/30
#   netns.sh attach NS PARENT BASE IP   namespace NS wired straight into namespace PARENT
#                                       (PARENT BASE+1/30, NS BASE+2/30) with a route to IP only
#   netns.sh cap NS RATE                token-bucket cap on NS's uplink (e.g. 300kbit)
#   netns.sh uncap NS                   lift it
#   netns.sh down NS                    end NS's processes, delete NS and its veth pair
#   netns.sh sweep                      `down` every hwl-<pid>x<hex> namespace whose pid is gone
#
# NS names are hwl-<tag>, tag [a-z0-9]{1,10}; the uplink inside NS is always "uplink0".
# Every command is idempotent. Needs root and iproute2.
set -euo pipefail

die() { echo "netns.sh: $*" >&2; exit 2; }

check_name() {
  [[ "$1" =~ ^hwl-[a-z0-9]{1,10}$ ]] || die "namespace name '$1' must match hwl-[a-z0-9]{1,10}"
}

# BASE must be the network address of a private /30 (a.b.c.d with d % 4 == 0).
check_base() {
  [[ "$1" =~ ^(10|192\.168|172\.(1[6-9]|2[0-9]|3[01]))\.[0-9.]+$ ]] || die "'$1' is not a private address"
  local last=${1##*.}
  (( last % 4 == 0 && last <= 252 )) || die "'$1' is not the network address of a /30"
}

addr() { echo "${1%.*}.$(( ${1##*.} + $2 ))"; }
tag_of() { echo "${1#hwl-}"; }
exists() { ip netns list | awk '{print $1}' | grep -qx "$1"; }

cmd_up() {
  local ns=$1 base=$2
  check_name "$ns"; check_base "$base"
  local host_if="hwl$(tag_of "$ns")"
  exists "$ns" || ip netns add "$ns"
  ip -n "$ns" link set lo up
  if ! ip link show "$host_if" >/dev/null 2>&1; then
    ip link add "$host_if" type veth peer name uplink0 netns "$ns"
  fi
  ip addr replace "$(addr "$base" 1)/30" dev "$host_if"
  ip link set "$host_if" up
  ip -n "$ns" addr replace "$(addr "$base" 2)/30" dev uplink0
  ip -n "$ns" link set uplink0 up
}

cmd_attach() {
  local ns=$1 parent=$2 base=$3 target=$4
  check_name "$ns"; check_name "$parent"; check_base "$base"
  exists "$parent" || die "parent namespace $parent does not exist"
  local parent_if="c$(tag_of "$ns")"
  exists "$ns" || ip netns add "$ns"
  ip -n "$ns" link set lo up
  if ! ip -n "$parent" link show "$parent_if" >/dev/null 2>&1; then
    ip -n "$parent" link add "$parent_if" type veth peer name uplink0 netns "$ns"
  fi
  ip -n "$parent" addr replace "$(addr "$base" 1)/30" dev "$parent_if"
  ip -n "$parent" link set "$parent_if" up
  ip -n "$ns" addr replace "$(addr "$base" 2)/30" dev uplink0
  ip -n "$ns" link set uplink0 up
  ip -n "$ns" route replace "$target/32" via "$(addr "$base" 1)" dev uplink0
}

cmd_cap() {
  local ns=$1 rate=$2
  check_name "$ns"
  [[ "$rate" =~ ^[0-9]+(kbit|mbit)$ ]] || die "rate '$rate' must look like 300kbit or 2mbit"
  # A 400 ms queue: long enough that the sender's congestion control sees delay before loss.
  ip netns exec "$ns" tc qdisc replace dev uplink0 root tbf rate "$rate" burst 32kbit latency 400ms
}

cmd_uncap() {
  local ns=$1
  check_name "$ns"
  ip netns exec "$ns" tc qdisc del dev uplink0 root 2>/dev/null || true
}

cmd_down() {
  local ns=$1
  check_name "$ns"
  exists "$ns" || return 0
  # Only processes started inside our own namespace: the SFU or a test browser.
  local pids
  pids=$(ip netns pids "$ns" || true)
  if [ -n "$pids" ]; then
    kill -KILL $pids 2>/dev/null || true
  fi
  ip netns del "$ns"
  ip link del "hwl$(tag_of "$ns")" 2>/dev/null || true
}

cmd_sweep() {
  local ns pid
  for ns in $(ip netns list | awk '{print $1}'); do
    [[ "$ns" =~ ^hwl-([0-9]+)x[0-9a-f]+$ ]] || continue
    pid=${BASH_REMATCH[1]}
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "netns.sh: removing stale $ns (owner $pid is gone)" >&2
      cmd_down "$ns"
    fi
  done
}

[ $# -ge 1 ] || die "usage: netns.sh up|attach|cap|uncap|down|sweep ..."
command=$1; shift
case "$command" in
  up) [ $# -eq 2 ] || die "usage: netns.sh up NS BASE"; cmd_up "$@" ;;
  attach) [ $# -eq 4 ] || die "usage: netns.sh attach NS PARENT BASE IP"; cmd_attach "$@" ;;
  cap) [ $# -eq 2 ] || die "usage: netns.sh cap NS RATE"; cmd_cap "$@" ;;
  uncap) [ $# -eq 1 ] || die "usage: netns.sh uncap NS"; cmd_uncap "$@" ;;
  down) [ $# -eq 1 ] || die "usage: netns.sh down NS"; cmd_down "$@" ;;
  sweep) [ $# -eq 0 ] || die "usage: netns.sh sweep"; cmd_sweep ;;
  *) die "unknown command '$command'" ;;
esac

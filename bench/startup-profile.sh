#!/usr/bin/env bash
# Profiles the mockserver's start-up (issue 15): runs the binary RUNS times
# pinned to CPU 0, each time from exec to the first answered Anor login,
# with PAYSANDBOX_CPUPROFILE and PAYSANDBOX_MEMPROFILE set, and merges the
# profiles. One start-up is too short for a profile of its own.
#
#   bench/startup-profile.sh bin/mockserver [runs] [outdir]
#   go tool pprof -top outdir/cpu.pprof
#   go tool pprof -sample_index=alloc_space -top outdir/allocs.pprof
#
# Package init (before main) is not in these: GODEBUG=inittrace=1 shows it.
set -euo pipefail
bin=${1:?usage: $0 binary [runs] [outdir]}
runs=${2:-50}
out=${3:-$(mktemp -d)}
mkdir -p "$out/runs"
port=$((20000 + RANDOM % 20000))
# One pass per profile: recording every allocation would swamp the CPU one.
start() { # start VAR=file: one start-up to the first login, then SIGINT
  env "$1" taskset -c 0 "$bin" -addr "127.0.0.1:$port" -log-level warn >/dev/null 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' \
      -d '{"username":"sandbox","password":"sandbox"}' \
      "http://127.0.0.1:$port/anorbank/api/ext/user/login"; do
    sleep 0.001
  done
  kill -INT "$pid"
  wait "$pid" || true
}
for i in $(seq "$runs"); do start "PAYSANDBOX_CPUPROFILE=$out/runs/cpu.$i"; done
for i in $(seq "$runs"); do start "PAYSANDBOX_MEMPROFILE=$out/runs/allocs.$i"; done
go tool pprof -proto "$out"/runs/cpu.* >"$out/cpu.pprof" 2>/dev/null
go tool pprof -proto "$out"/runs/allocs.* >"$out/allocs.pprof" 2>/dev/null
echo "$out"

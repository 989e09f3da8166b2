#!/usr/bin/env bash
# Interleaved pairs, end to end: 'uvmctl leaks INPUT -o json' by the code before a change (BASE, a
# checkout built by its own launcher) and by this checkout, one run after the other, the order
# alternating from pair to pair (on this shared VM the second run of a pair is often 5 to 10 %
# slower: trust a difference only when it holds in both orders). Both through their launchers, as
# a user runs them, with UVMCTL_JAVA_OPTS=-Xmx256m, pinned to CPU $CPU (default 0); wall and user
# seconds from /usr/bin/time, then whether the two reports agree (keys a change added are dropped
# first: 'inferred' and 'evidence.lost', added after 3006104, 'summary.lost', added after c801e1c, and
# 'bytes_at_least', added after c5eabd8). hyperfine runs each command's runs
# together, so a drift of the machine during a sitting falls on one side; pairs spread it.
#
#   BASE=DIR [CPU=0] [PAIRS=3] bench/pairs.sh INPUT...
#   (a base: git archive REV | tar -x -C DIR && DIR/uvmctl --version)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
: "${BASE:?BASE=DIR: a checkout of the code before the change}"
cpu="${CPU:-0}" pairs="${PAIRS:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export UVMCTL_JAVA_OPTS=-Xmx256m
"$root/uvmctl" --version >/dev/null
"$BASE/uvmctl" --version >/dev/null
run() { # LABEL LAUNCHER INPUT
  # Exit 1 (findings) is the report's status, not a failure.
  /usr/bin/time -o "$out/time" -f '%e %U' taskset -c "$cpu" "$2" leaks "$3" -o json > "$out/$1.json" 2>/dev/null || true
  printf '%-5s %s  wall %s s, user %s s\n' "$1" "$(basename "$3")" $(tail -1 "$out/time")
}
for input in "$@"; do
  printf '# %s, load %s\n' "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for i in $(seq 1 "$pairs"); do
    if [ $((i % 2)) = 1 ]; then run base "$BASE/uvmctl" "$input"; run new "$root/uvmctl" "$input"
    else run new "$root/uvmctl" "$input"; run base "$BASE/uvmctl" "$input"; fi
  done
  python3 - "$out/base.json" "$out/new.json" <<'PY'
import json, sys
def strip(o):
    if isinstance(o, dict):
        o.pop("inferred", None)
        o.pop("bytes_at_least", None)
        if isinstance(o.get("evidence"), dict):
            o["evidence"].pop("lost", None)
        if isinstance(o.get("summary"), dict):
            o["summary"].pop("lost", None)
        for v in o.values():
            strip(v)
    elif isinstance(o, list):
        for v in o:
            strip(v)
    return o
same = strip(json.load(open(sys.argv[1]))) == strip(json.load(open(sys.argv[2])))
print("reports: " + ("the same" if same else "DIFFERENT"))
PY
done
printf '# %s, load %s\n' "$(date -u +%H:%M:%S)" "$(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Saved UVM trace -> events -> model -> report, end to end on one core: 'uvmctl leaks TRACE -o json'
# on a generated trace (bench/GenerateTrace.java) of LINES lines, against 'wc -l' and
# 'grep -c uvm_migrate' on the same file as the floor, all pinned to CPU 0 (taskset -c 0), median
# of RUNS runs each (hyperfine), in one sitting. uvmctl runs through the launcher (its JVM flags:
# C1, or C2 for an input of 1 GiB or more, as the default 10 million lines are) and again with C1
# only (-XX:TieredStopAtLevel=1), both with -Xmx256m; with BASE=DIR, the checkout in DIR (the code
# before a change) runs too, through its launcher and with C2, in the same sitting; then once
# under /usr/bin/time for peak RSS. Events per second = the events the report says it replayed / the
# median wall time. grep writes into a pipe: with its output on /dev/null, as hyperfine runs it,
# GNU grep stops at the first match.
#
#   bench/trace-throughput.sh [LINES [RUNS]]        (default: 10000000 5)
#
# The trace (about 240 bytes a line) is written once to $BENCH_DIR (default /tmp) and reused.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}}"
lines="${1:-10000000}" runs="${2:-5}"
trace="$dir/uvmctl-bench-trace-$lines.trace"
"$root/uvmctl" --version >/dev/null
[ -f "$trace" ] || java "$root/bench/GenerateTrace.java" "$trace" "$lines"
printf 'machine: %s CPUs, load %s; %s, %s bytes\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$trace" "$(stat -Lc %s "$trace")"
events="$(UVMCTL_JAVA_OPTS=-Xmx256m "$root/uvmctl" leaks "$trace" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["events"])' || true)"
# BASE=DIR: a checkout of the code before a change, run the same way in the same sitting.
base=()
if [ -n "${BASE:-}" ]; then
  "$BASE/uvmctl" --version >/dev/null
  base=(-n 'BASE uvmctl leaks (launcher)' "UVMCTL_JAVA_OPTS=-Xmx256m $BASE/uvmctl leaks $trace -o json"
    -n 'BASE uvmctl leaks (C2)' "UVMCTL_JAVA_OPTS='-Xmx256m -XX:TieredStopAtLevel=4' $BASE/uvmctl leaks $trace -o json")
fi
json="$dir/uvmctl-bench-trace.json"
taskset -c 0 hyperfine --runs "$runs" --warmup 1 -i --export-json "$json" \
  -n 'wc -l' "wc -l $trace" \
  -n 'grep -c' "grep -c uvm_migrate $trace | cat" \
  -n 'uvmctl leaks (launcher)' "UVMCTL_JAVA_OPTS=-Xmx256m $root/uvmctl leaks $trace -o json" \
  -n 'uvmctl leaks (C1)' "UVMCTL_JAVA_OPTS='-Xmx256m -XX:TieredStopAtLevel=1' $root/uvmctl leaks $trace -o json" \
  ${base[@]+"${base[@]}"} >/dev/null
python3 - "$json" "$events" "$lines" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); events = int(sys.argv[2]); lines = int(sys.argv[3])
for r in d["results"]:
    m = r["median"]
    rate = f", {events / m:,.0f} events/s ({lines / m:,.0f} lines/s)" if "uvmctl" in r["command"] else f", {lines / m:,.0f} lines/s"
    print(f"{r['command']}: median {m:.2f} s (min {r['min']:.2f}, max {r['max']:.2f}){rate}")
PY
timing="$dir/uvmctl-bench-trace-time.txt"
rc=0
UVMCTL_JAVA_OPTS="-Xmx256m -XX:TieredStopAtLevel=4" taskset -c 0 /usr/bin/time -v "$root/uvmctl" leaks "$trace" -o json >/dev/null 2>"$timing" || rc=$?
[ "$rc" -le 1 ] || { cat "$timing" >&2; exit 1; }
echo "peak RSS with -Xmx256m (C2): $(awk -F': ' '/Maximum resident/ {printf "%d MiB", $2 / 1024}' "$timing"); $events events"
rm -f "$json" "$timing"

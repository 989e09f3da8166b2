#!/usr/bin/env bash
# Event NDJSON -> report, end to end on one core: 'uvmctl leaks FILE.ndjson -o json' against
# jq -c 'select(.type=="evicted")' on the same stream (jq only reads it), pinned to CPU 0
# (taskset -c 0), median of RUNS runs each (hyperfine), in one sitting; uvmctl through the
# launcher (C1, or C2 for an input of 1 GiB or more, as the default stream is) and with C1 only,
# -Xmx256m; with BASE=DIR, the checkout in DIR runs too (its launcher, and C2), in the same sitting. The stream is 'uvmctl events -o ndjson' of a
# generated trace (bench/GenerateTrace.java), every record with its "src" line, as uvmctl writes it.
#
#   bench/ndjson-throughput.sh [TRACE_LINES [RUNS]]   (default: 2300000 5: about 2 million events)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}}"
lines="${1:-2300000}" runs="${2:-5}"
trace="$dir/uvmctl-bench-trace-$lines.trace"
stream="$dir/uvmctl-bench-events-$lines.ndjson"
"$root/uvmctl" --version >/dev/null
[ -f "$trace" ] || java "$root/bench/GenerateTrace.java" "$trace" "$lines"
[ -f "$stream" ] || UVMCTL_JAVA_OPTS=-XX:TieredStopAtLevel=4 "$root/uvmctl" events -o ndjson "$trace" > "$stream"
events="$(grep -vc -e '"type":"schema"' -e '"type":"diagnostic"' "$stream")"
printf 'machine: %s CPUs, load %s; %s: %s events, %s bytes\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$stream" "$events" \
  "$(stat -Lc %s "$stream")"
# BASE=DIR: a checkout of the code before a change, run the same way in the same sitting.
base=()
if [ -n "${BASE:-}" ]; then
  "$BASE/uvmctl" --version >/dev/null
  base=(-n 'BASE uvmctl leaks (launcher)' "UVMCTL_JAVA_OPTS=-Xmx256m $BASE/uvmctl leaks $stream -o json"
    -n 'BASE uvmctl leaks (C2)' "UVMCTL_JAVA_OPTS='-Xmx256m -XX:TieredStopAtLevel=4' $BASE/uvmctl leaks $stream -o json")
fi
json="$dir/uvmctl-bench-ndjson.json"
taskset -c 0 hyperfine --runs "$runs" --warmup 1 -i --export-json "$json" \
  -n 'jq select' "jq -c 'select(.type==\"evicted\")' $stream" \
  -n 'uvmctl leaks (launcher)' "UVMCTL_JAVA_OPTS=-Xmx256m $root/uvmctl leaks $stream -o json" \
  -n 'uvmctl leaks (C1)' "UVMCTL_JAVA_OPTS='-Xmx256m -XX:TieredStopAtLevel=1' $root/uvmctl leaks $stream -o json" \
  ${base[@]+"${base[@]}"} >/dev/null
python3 - "$json" "$events" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); events = int(sys.argv[2])
for r in d["results"]:
    m = r["median"]
    print(f"{r['command']}: median {m:.2f} s (min {r['min']:.2f}, max {r['max']:.2f}), {events / m:,.0f} events/s")
PY
rm -f "$json"

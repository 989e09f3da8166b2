#!/usr/bin/env bash
# Throughput of `uvmctl dmesg FILE -o ndjson` against `grep -c -e NVRM -e nvidia-uvm FILE` on the
# same generated log, in one sitting, with wall time and peak RSS from /usr/bin/time -v.
#
#   bench/dmesg-throughput.sh [MEGABYTES] [RUNS]      (defaults: 500 and 3)
#
# The log (~1 % NVRM / nvidia-uvm lines among ordinary dmesg lines) is written once by
# bench/GenerateDmesg.java to $BENCH_DIR (default /tmp) and reused. uvmctl runs through the
# repository's launcher (its JVM flags: C1 for a log under 1 GiB), then with UVMCTL_JAVA_OPTS=-XX:TieredStopAtLevel=4
# (the full tiered JIT, C2). uvmctl writes to /dev/null, as the issue measures it; grep writes its
# count to a file: with its output on /dev/null GNU grep stops at the first match.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
mb="${1:-500}"
runs="${2:-3}"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}}"
log="$dir/uvmctl-bench-dmesg-${mb}mb.log"

if [ ! -f "$log" ]; then
  java "$root/bench/GenerateDmesg.java" "$log" "$mb"
fi
"$root/uvmctl" --version >/dev/null          # builds the jar and the class-data archive first
cat "$log" >/dev/null                         # the file in the page cache for every contender

measure() {
  local label="$1" sink="$2"; shift 2
  local out
  out="$( { /usr/bin/time -v "$@" >"$sink"; } 2>&1 || true)"
  local wall rss
  wall="$(printf '%s\n' "$out" | sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p')"
  rss="$(printf '%s\n' "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')"
  printf '%-34s wall %8s   max RSS %7s KiB\n' "$label" "$wall" "$rss"
}

printf 'log: %s (%s bytes, %s lines)\n' "$log" "$(stat -c %s "$log")" "$(wc -l <"$log")"
printf 'machine: %s CPUs, load %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  echo "run $run"
  measure "grep -c -e NVRM -e nvidia-uvm" "$dir/uvmctl-bench.out" grep -c -e NVRM -e nvidia-uvm "$log"
  measure "uvmctl dmesg -o ndjson (launcher)" /dev/null "$root/uvmctl" dmesg "$log" -o ndjson
  UVMCTL_JAVA_OPTS=-XX:TieredStopAtLevel=4 measure "uvmctl dmesg -o ndjson (C2)" /dev/null "$root/uvmctl" dmesg "$log" -o ndjson
done
rm -f "$dir/uvmctl-bench.out"

#!/usr/bin/env bash
# End-to-end run of 'uvmctl leaks' on a generated event NDJSON stream, through the launcher
# (src/dist/bin/uvmctl, its JVM flags) with C1 only and again with C2 (-XX:TieredStopAtLevel=4), both
# with -Xmx256m. Prints events per second, peak heap occupancy and live set (from the GC log),
# GC time and peak RSS (/usr/bin/time -v).
#
#   bench/leaks-replay.sh [EVENTS [LIVE_RANGES [VA_SPACES [BURST [SEED]]]]]
#   defaults: 10000000 100000 1000 8 42
#
# The stream is written once to target/bench/ (about 1.4 GB for 10 million events) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-10000000}" live="${2:-100000}" vaspaces="${3:-1000}" burst="${4:-8}" seed="${5:-42}"
heap="${UVMCTL_BENCH_HEAP:-256m}"
out=target/bench
mkdir -p "$out"
stream="$out/events-$events-$live-$vaspaces-b$burst-s$seed.ndjson"

mvn -B -q ${MVN_OFFLINE:--o} -Pbench -DskipTests -Duvmctl.skipDocs=true package
if [ ! -s "$stream" ]; then
  echo "generating $stream ..." >&2
  java -cp target/test-classes:target/classes dev.uvmctl.bench.EventStreamGenerator \
    "$events" "$live" "$vaspaces" "$seed" "$burst" "$stream.tmp"
  mv "$stream.tmp" "$stream"
fi
lines="$(wc -l < "$stream")"

run() { # label, extra JVM options
  local label="$1" opts="$2" gclog="$out/gc-$1.log" timing="$out/time-$1.txt" rc=0
  UVMCTL_CDS=0 UVMCTL_JAR=target/uvmctl.jar \
    UVMCTL_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$gclog $opts" \
    /usr/bin/time -v src/dist/bin/uvmctl leaks "$stream" -o json > "$out/leaks-$label.json" 2> "$timing" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "$label: uvmctl exited $rc:" >&2
    cat "$timing" >&2
    return 1
  fi
  python3 - "$label" "$lines" "$timing" "$gclog" "$out/leaks-$label.json" <<'PY'
import json, re, sys
label, lines, timing, gclog, report = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
t = open(timing).read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip().split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
log = open(gclog).read()
occupied = max((int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", log)), default=0)
# The live set is what a full collection leaves; a young one that could not promote leaves garbage too.
live = max((int(m.group(1)) for m in re.finditer(r"Pause Full.*?\d+M->(\d+)M\(", log)), default=0)
pauses = [float(x) for x in re.findall(r"\) ([\d.]+)ms", log)]
fulls = len(re.findall(r"Pause Full", log))
d = json.load(open(report))
print(f"{label}: {lines} events in {seconds:.1f} s wall ({lines / seconds:,.0f} events/s), {cpu:.1f} s CPU; "
      f"heap: peak occupancy {occupied} MiB, peak live set {live} MiB (after full GCs); "
      f"GC: {len(pauses)} pauses, {fulls} full, {sum(pauses) / 1000:.1f} s; peak RSS {rss / 1024:.0f} MiB; "
      f"{d['summary']['findings']} findings, {d['summary']['va_spaces']} va_spaces at the end")
PY
}
run c1 "-XX:TieredStopAtLevel=1"
run c2 "-XX:TieredStopAtLevel=4"

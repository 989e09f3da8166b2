#!/usr/bin/env bash
# 'uvmctl leaks BIG.log' in constant memory: replays a generated raw dmesg log of MEGABYTES
# (bench/GenerateDmesg.java: ~1 % Xid, OOM-kill, hung-task, UVM and leak-report lines) with the
# heap capped, once at each size given, through the launcher (its JVM flags). Prints wall time,
# peak heap occupancy and peak live set (after full GCs, from the GC log) and peak RSS: the live
# set must not grow with the size of the log.
#
#   bench/leaks-kernel-log.sh [MEGABYTES...]      (default: 100 400; heap: UVMCTL_BENCH_HEAP, 64m)
#
# The logs are written once to $BENCH_DIR (default /tmp) and reused.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dir="${BENCH_DIR:-${TMPDIR:-/tmp}}"
heap="${UVMCTL_BENCH_HEAP:-64m}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 400)
"$root/uvmctl" --version >/dev/null
printf 'machine: %s CPUs, load %s; heap -Xmx%s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$heap"
for mb in "${sizes[@]}"; do
  log="$dir/uvmctl-bench-dmesg-${mb}mb.log"
  [ -f "$log" ] || java "$root/bench/GenerateDmesg.java" "$log" "$mb"
  gclog="$dir/uvmctl-bench-leaks-gc.log"
  timing="$dir/uvmctl-bench-leaks-time.txt"
  rc=0
  UVMCTL_JAVA_OPTS="-Xmx$heap -Xlog:gc:file=$gclog" /usr/bin/time -v "$root/uvmctl" leaks "$log" -o json \
    > "$dir/uvmctl-bench-leaks.json" 2> "$timing" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
    echo "uvmctl leaks exited $rc:" >&2
    cat "$timing" >&2
    exit 1
  fi
  python3 - "$mb" "$log" "$timing" "$gclog" "$dir/uvmctl-bench-leaks.json" <<'PY'
import json, os, re, sys
mb, log, timing, gclog, report = sys.argv[1:6]
t = open(timing).read()
wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss):")[1].split("\n")[0].strip().split(":")
seconds = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall)))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
g = open(gclog).read()
occupied = max((int(m.group(1)) for m in re.finditer(r"(\d+)M->\d+M\(\d+M\)", g)), default=0)
after = [int(m.group(1)) for m in re.finditer(r"\d+M->(\d+)M\(\d+M\)", g)]
live = max((int(m.group(1)) for m in re.finditer(r"Pause Full.*?\d+M->(\d+)M\(", g)), default=0)
d = json.load(open(report))
size = os.path.getsize(log)
print(f"{mb} MB log ({size:,} bytes): {seconds:.1f} s wall ({size / seconds / 1e6:.0f} MB/s); heap: peak occupancy {occupied} MiB, "
      f"largest after a GC {max(after, default=0)} MiB, peak live set {live} MiB (after full GCs); peak RSS {rss / 1024:.0f} MiB; "
      f"{d['summary']['events']} events, {d['summary']['processes']} processes at the end, {d['summary']['findings']} findings")
PY
done
rm -f "$dir/uvmctl-bench-leaks.json" "$dir/uvmctl-bench-leaks-gc.log" "$dir/uvmctl-bench-leaks-time.txt"

#!/usr/bin/env bash
# The scan benchmark of issue 5: one CLI run of 'uvmctl va-spaces' over a system root of
# 10 000 processes (500 GPU holders, 1 000 000 maps lines), through the launcher ./uvmctl, under
# /usr/bin/time -v. Makes the root once (target/bench-root), then runs RUNS times (default 7) and
# prints each run's wall time and maximum resident size, and their medians.
#   bench/scan.sh [RUNS] [extra uvmctl options...]      UVMCTL_JAVA_OPTS is passed to the JVM,
#   FORMAT (default json) to -o
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
shift || true
root=target/bench-root
if [ ! -f "$root/.complete" ]; then
  rm -rf "$root"
  python3 bench/make-scan-root.py "$root"
  touch "$root/.complete"
fi
./uvmctl --version >/dev/null   # builds the jar and the CDS archive outside the measurement
walls=()
rss=()
for i in $(seq "$runs"); do
  /usr/bin/time -v ./uvmctl va-spaces --root "$root" -o "${FORMAT:-json}" "$@" >/dev/null 2>target/bench-time.txt || [ $? -eq 1 ]
  w=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' target/bench-time.txt | awk -F: '{ print ($1 * 60) + $2 }')
  r=$(sed -n 's/.*Maximum resident set size (kbytes): //p' target/bench-time.txt)
  echo "run $i: wall ${w} s, max RSS ${r} KiB"
  walls+=("$w")
  rss+=("$r")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "median of $runs: wall $(median "${walls[@]}") s, max RSS $(median "${rss[@]}") KiB"

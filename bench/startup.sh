#!/usr/bin/env bash
# Start-up time of uvmctl commands against the JVM's floor (an empty main, default flags),
# measured in one sitting: the median wall time of each, its ratio to the floor, and (with
# hyperfine) the mean CPU time.
#
#   bench/startup.sh                                  # ./uvmctl --version
#   bench/startup.sh --version 'params --root examples/clean -o json'
#   RUNS=30 UVMCTL=target/dist/uvmctl-0.1.0/bin/uvmctl bench/startup.sh --version
#
# Each argument is one uvmctl command line (split at spaces). UVMCTL names the launcher (default
# ./uvmctl, the dev launcher); RUNS the runs per command (default 20, at least 10). Uses
# hyperfine when installed, otherwise a loop timed with bash's EPOCHREALTIME. Each command runs
# twice first, unmeasured, so the jar is built and the class-data-sharing archive made.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

uvmctl="${UVMCTL:-./uvmctl}"
runs="${RUNS:-20}"
if [ "$runs" -lt 10 ]; then
  echo "startup.sh: RUNS=$runs: use at least 10 runs" >&2
  exit 2
fi
[ $# -gt 0 ] || set -- --version

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'public class Empty { public static void main(String[] args) { } }\n' > "$work/Empty.java"
javac -d "$work" "$work/Empty.java"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

labels=("java -cp DIR Empty")
commands=("$java -cp $work Empty")
for args in "$@"; do
  labels+=("$uvmctl $args")
  commands+=("$uvmctl $args")
done

# Prints the median wall time of a command in milliseconds and, with hyperfine, its mean CPU time
# (user + system): on a machine others share, CPU time varies less than wall time.
median_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 2 --runs "$runs" --export-csv "$work/run.csv" "$1" >/dev/null 2>&1 \
      || { echo "startup.sh: failed: $1" >&2; return 1; }
    awk -F, 'NR == 2 { printf "%.1f %.1f\n", $4 * 1000, ($5 + $6) * 1000 }' "$work/run.csv"
  else
    local i start end times=()
    # shellcheck disable=SC2086 # the command line is split at spaces on purpose
    for i in 1 2; do $1 >/dev/null 2>&1 || { echo "startup.sh: failed: $1" >&2; return 1; }; done
    for ((i = 0; i < runs; i++)); do
      start=$EPOCHREALTIME
      # shellcheck disable=SC2086
      $1 >/dev/null 2>&1
      end=$EPOCHREALTIME
      times+=("$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", (e - s) * 1000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { print ((NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), "-" }'
  fi
}

tool="hyperfine"
command -v hyperfine >/dev/null 2>&1 || tool="a bash loop (hyperfine is not installed)"
read -r load1 load5 load15 _ < /proc/loadavg
echo "$runs runs each, by $tool, on $(nproc) CPUs, load $load1 $load5 $load15, $("$java" -version 2>&1 | head -1)"
echo "  median wall  x floor   mean CPU  command"
floor=""
for i in "${!commands[@]}"; do
  read -r ms cpu <<< "$(median_ms "${commands[$i]}")"
  [ -n "$floor" ] || floor="$ms"
  awk -v l="${labels[$i]}" -v ms="$ms" -v f="$floor" -v cpu="$cpu" \
    'BEGIN { printf "%8.1f ms  %6.2fx  %8s ms  %s\n", ms, ms / f, cpu, l }'
done

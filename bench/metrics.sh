#!/usr/bin/env bash
# The numbers of docs/metrics.md's fleet features, in one sitting (bench/README.md):
#  1. a scrape of a node with 500 holders (bench/make-held-fleet.py: 500 held findings): wall time
#     and bytes of leaks -o prometheus, with --max-series 50 and without a cap (--max-series 100000);
#  2. serve's resident memory and open descriptors after 10 000 scrapes (--min-interval 0);
#  3. leaks --each over 1 000 generated captures (copies of examples/oom-node, each its own host):
#     wall time and peak memory, against a shell loop that runs uvmctl leaks on each in turn
#     (timed over LOOP captures, 200 by default, and scaled to 1 000).
#
#   bench/metrics.sh            # all three;  UVMCTL=... names the launcher (default ./uvmctl)
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
uvmctl="${UVMCTL:-./uvmctl}"
loop="${LOOP:-200}"
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$uvmctl" --version >/dev/null

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
peak() { /usr/bin/time -f '%e s, peak RSS %M KiB' "$@" 2>&1 >/dev/null | tail -1; }

echo "== 1. a scrape of 500 holders (leaks -o prometheus)"
python3 bench/make-held-fleet.py "$work/held500.ndjson" 500
for cap in 100000 50; do
  "$uvmctl" leaks "$work/held500.ndjson" -o prometheus --max-series "$cap" >/dev/null 2>&1 || true
  best=""
  for _ in 1 2 3 4 5; do
    t=$(date +%s%N)
    "$uvmctl" leaks "$work/held500.ndjson" -o prometheus --max-series "$cap" > "$work/out.prom" 2>/dev/null || true
    d=$(ms "$t"); if [ -z "$best" ] || [ "$d" -lt "$best" ]; then best=$d; fi
  done
  echo "--max-series $cap: best of 5 $best ms, $(wc -c < "$work/out.prom") bytes, $(grep -c '^uvmctl_unreleased_bytes' "$work/out.prom") bytes series"
done

echo "== 2. serve after 10 000 scrapes"
"$uvmctl" serve --root examples/oom-node --listen 127.0.0.1:0 --min-interval 0 > "$work/serve.out" 2>/dev/null &
server=$!
for _ in $(seq 100); do grep -q serving "$work/serve.out" 2>/dev/null && break; sleep 0.2; done
port=$(sed -n 's/.*:\([0-9]*\)\/metrics$/\1/p' "$work/serve.out")
python3 - "$port" "$server" <<'PY'
import http.client, sys, time, os
port, pid = int(sys.argv[1]), sys.argv[2]
def rss():
    with open(f"/proc/{pid}/status") as f:
        return next(l.split()[1] for l in f if l.startswith("VmRSS"))
def fds():
    return len(os.listdir(f"/proc/{pid}/fd"))
for i in range(100):
    c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/metrics"); c.getresponse().read(); c.close()
print(f"after 100 scrapes: RSS {rss()} KiB, {fds()} fds")
t = time.time()
for i in range(10000):
    c = http.client.HTTPConnection("127.0.0.1", port); c.request("GET", "/metrics"); r = c.getresponse(); r.read(); c.close()
    assert r.status == 200
d = time.time() - t
print(f"after 10 100 scrapes: RSS {rss()} KiB, {fds()} fds; {d / 10000 * 1000:.2f} ms per scrape")
PY
kill "$server"; wait "$server" 2>/dev/null || true; server=""

echo "== 3. leaks --each over 1 000 captures"
mkdir -p "$work/fleet"
for i in $(seq -w 1 1000); do
  cp -r examples/oom-node "$work/fleet/node$i"
  mkdir -p "$work/fleet/node$i/proc/sys/kernel"
  echo "gpu-node-$i" > "$work/fleet/node$i/proc/sys/kernel/hostname"
done
echo "--each, $(nproc) cores: $(peak "$uvmctl" leaks --each "$work/fleet")"
t=$(date +%s%N)
n=0
for d in "$work"/fleet/*; do
  n=$((n + 1)); [ "$n" -le "$loop" ] || break
  "$uvmctl" leaks "$d" -q || true
done
d=$(ms "$t")
echo "shell loop over $loop captures: $d ms, so about $(( d * 1000 / loop / 1000 )) s for 1 000"

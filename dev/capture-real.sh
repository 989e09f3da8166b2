#!/bin/bash
# Captures what uvmctl reads from a REAL machine with an NVIDIA GPU and driver, with uvmctl's own
# probes running around a small CUDA program that uses managed memory, forks a child that inherits
# /dev/nvidia-uvm, and is killed while the child lives on. Run as root; needs nvidia-smi, nvcc and a
# JDK 17 (uvmctl runs from target/uvmctl.jar through src/dist/bin/uvmctl; build it first with
# 'mvn -o -DskipTests package' where Maven is, and bring the jar). Takes about 2 minutes.
#
#   sudo OUT=/some/dir dev/capture-real.sh
#
# Writes $OUT/real/ (default ./real/), laid out for src/test/resources/real/ (tests read it when it is
# there and never need it):
#   uvm.trace            what 'uvmctl trace record' wrote around the program (its '# uvmctl-trace:' header first)
#   probes.txt           'uvmctl trace print-probes' for this driver
#   kprobe_events.txt    kprobe_events while the probes were set: which definitions the kernel accepted
#   kprobe_profile.txt   each probe's hits and misses just before the recording stopped (every kprobe event's)
#   trace-status-during.json  'uvmctl trace status -o json' then: uvmctl's probes, with their hits and misses
#   instance-options.txt the options of uvmctl's instance that shape its lines, and the top level's, while it recorded
#   trace-setup.txt      what 'uvmctl trace record' said when it set them up (installed, missing, refused)
#   trace-status.txt     'uvmctl trace status' while it ran; trace-status-after.txt after (nothing may be left)
#   events.json          'uvmctl events -o json uvm.trace': the events and the diagnostics (layout checks among them)
#   snapshots/NAME/      system roots of the holders of /dev/nvidia* while running, after the parent was killed,
#                        after the child was killed
#   root/                the driver's procfs/sysfs files, /proc/kallsyms of the nvidia modules, modprobe.d
#   dmesg.txt, journal-k.json, nvidia-smi*.txt, mm.out, uname.txt, errors.txt (every refusal)
#   SUMMARY.txt          the driver release, the probes accepted and refused, and whether the layout checks passed
set -u
OUTDIR=${OUT:-$PWD}/real
REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
if [ -z "${UVMCTL:-}" ]; then # the built jar through the launcher (a JDK only), else the tree's script (builds with Maven)
  if [ -f "$REPO/target/uvmctl.jar" ]; then UVMCTL="env UVMCTL_JAR=$REPO/target/uvmctl.jar $REPO/src/dist/bin/uvmctl"; else UVMCTL=$REPO/uvmctl; fi
fi
rm -rf "$OUTDIR"
mkdir -p "$OUTDIR/root"
W=$OUTDIR
R=$W/root
E=$W/errors.txt
: >"$E"
note() { echo "$*" >>"$E"; }
keep() { # copy files (not dirs) into the root, keeping their paths
  for p in "$@"; do
    [ -f "$p" ] || continue
    mkdir -p "$R$(dirname "$p")"
    cat "$p" >"$R$p" 2>>"$E" || note "unreadable: $p"
  done
}
run() { # run a command, keep its output as NAME
  local name=$1; shift
  timeout 60 "$@" >"$W/$name" 2>>"$E" || note "exit $? from: $*"
}

# --- the driver as it is -----------------------------------------------------------------
keep /sys/module/nvidia_uvm/parameters/* /sys/module/nvidia_uvm/version /sys/module/nvidia/version
keep /proc/driver/nvidia/version /proc/driver/nvidia/params /proc/driver/nvidia/gpus/*/information
keep /proc/cmdline /proc/uptime /proc/version /proc/sys/kernel/random/boot_id /proc/sys/kernel/arch
keep /sys/kernel/security/lockdown
for f in /etc/modprobe.d/* /usr/lib/modprobe.d/* /lib/modprobe.d/* /run/modprobe.d/*; do keep "$f"; done
while read -r f; do keep "$f"; done < <(find /proc/driver/nvidia-uvm -type f 2>/dev/null)
ls -l /proc/driver/nvidia-uvm/gpus/ >"$W/uvm-gpus.txt" 2>>"$E"
mkdir -p "$R/proc"
grep -E '\[(nvidia_uvm|nvidia)\]' /proc/kallsyms >"$R/proc/kallsyms" 2>>"$E"
run nvidia-smi.txt nvidia-smi
run nvidia-smi-apps.csv nvidia-smi --query-compute-apps=pid,process_name,used_memory,gpu_uuid,gpu_bus_id --format=csv
run nvidia-smi-gpu.csv nvidia-smi --query-gpu=index,uuid,pci.bus_id,memory.total,memory.reserved,memory.used,memory.free --format=csv
uname -a >"$W/uname.txt"
$UVMCTL trace print-probes >"$W/probes.txt" 2>>"$E" || note "uvmctl trace print-probes failed (is there a JDK 17?)"

# --- a program that leaves memory behind ---------------------------------------------------
cat >"$W/mm.cu" <<'CU'
#include <cstdio>
#include <unistd.h>
__global__ void touch(char *p, size_t n) {
  for (size_t i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) p[i] = 1;
}
int main() {
  size_t n = 1ull << 30;                       // 1 GiB managed
  char *p; if (cudaMallocManaged(&p, n) != cudaSuccess) { puts("alloc failed"); return 1; }
  for (size_t i = 0; i < n / 4; i += 4096) p[i] = 1;                // the first quarter touched on the CPU
  touch<<<1024, 256>>>(p, n); cudaDeviceSynchronize();            // migrates it, first-touches the rest on the GPU
#if CUDART_VERSION >= 13000
  cudaMemLocation host = {cudaMemLocationTypeHost, 0};
  cudaMemPrefetchAsync(p, n / 2, host, 0, 0);                       // half back to the CPU
#else
  cudaMemPrefetchAsync(p, n / 2, cudaCpuDeviceId);
#endif
  cudaDeviceSynchronize();
  char *q; cudaMalloc(&q, 256ull << 20);        // 256 MiB plain device memory
  pid_t c = fork();                              // the child inherits the fds, not the mappings
  if (c == 0) { sleep(120); return 0; }
  printf("parent %d child %d\n", getpid(), c); fflush(stdout);
  sleep(600);
  return 0;
}
CU

# --- the probes, around it ------------------------------------------------------------------
$UVMCTL trace record --to "$W/uvm.trace" 2>"$W/trace-setup.txt" &
REC=$!
for _ in $(seq 30); do grep -q 'uvmctl' "$W/uvm.trace" 2>/dev/null && break; sleep 1; done
sleep 2
$UVMCTL trace status >"$W/trace-status.txt" 2>>"$E"
for T in /sys/kernel/tracing /sys/kernel/debug/tracing; do
  [ -r "$T/kprobe_events" ] && { cat "$T/kprobe_events" >"$W/kprobe_events.txt"; break; }
done

snap() { # a snapshot, itself a system root: every process holding an NVIDIA device file
  local S=$W/snapshots/$1
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    ls -l "$d/fd" 2>/dev/null | grep -q '/dev/nvidia' || continue
    mkdir -p "$S/proc/$pid/fd" "$S/proc/$pid/fdinfo"
    for f in status stat cmdline cgroup maps wchan stack; do cat "$d/$f" >"$S/proc/$pid/$f" 2>/dev/null; done
    for t in "$d"/task/*; do
      mkdir -p "$S/proc/$pid/task/${t##*/}"
      for f in status stat wchan stack; do cat "$t/$f" >"$S/proc/$pid/task/${t##*/}/$f" 2>/dev/null; done
    done
    for fd in $(ls "$d/fd" 2>/dev/null); do
      target=$(readlink "$d/fd/$fd") || continue
      ln -s "$target" "$S/proc/$pid/fd/$fd"
      case "$target" in /dev/nvidia*) cat "$d/fdinfo/$fd" >"$S/proc/$pid/fdinfo/$fd" 2>/dev/null;; esac
    done
  done
  # UVM's GPUs at this moment: a GPU's directory exists only while UVM retains it, and its info's 'GPU ID N' names
  # the uvm-gpuN of the trace's migrations; the links gpus/N as links (a plain copy would lose them).
  for f in /proc/driver/nvidia-uvm/gpus/*/*/info /proc/driver/nvidia/gpus/*/information; do
    [ -f "$f" ] || continue
    mkdir -p "$S${f%/*}"
    cat "$f" >"$S$f" 2>/dev/null
  done
  for l in /proc/driver/nvidia-uvm/gpus/*; do
    [ -L "$l" ] && mkdir -p "$S${l%/*}" && ln -s "$(readlink "$l")" "$S$l" 2>>"$E"
  done
  mkdir -p "$S/proc/sys/kernel/random"
  cat /proc/uptime >"$S/proc/uptime"
  cat /proc/sys/kernel/random/boot_id >"$S/proc/sys/kernel/random/boot_id"
  date -u +%Y-%m-%dT%H:%M:%S.%NZ >"$S/captured-at"
  nvidia-smi --query-compute-apps=pid,process_name,used_memory,gpu_uuid --format=csv >"$S/nvidia-smi-apps.csv" 2>>"$E"
  nvidia-smi --query-gpu=index,uuid,pci.bus_id,memory.total,memory.reserved,memory.used --format=csv >"$S/nvidia-smi-gpu.csv" 2>>"$E"
}
if command -v nvcc >/dev/null && nvcc -o "$W/mm" "$W/mm.cu" 2>>"$E"; then
  "$W/mm" >"$W/mm.out" 2>>"$E" &
  MM=$!
  for _ in $(seq 60); do grep -q parent "$W/mm.out" 2>/dev/null && break; sleep 1; done
  CHILD=$(awk '/parent/ {print $4}' "$W/mm.out")
  snap while-running
  kill -9 "$MM" 2>>"$E"; wait "$MM" 2>/dev/null
  sleep 3
  snap after-parent-killed
  [ -n "$CHILD" ] && kill -9 "$CHILD" 2>>"$E"
  sleep 3
  snap after-child-killed
  rm -f "$W/mm"
else
  note "no nvcc or the build failed: no managed-memory scenario"
fi
# Each probe's hits and misses (a kretprobe misses a return when more calls are in flight than its maxactive):
# uvm_vas_destroy_r's misses would read as teardowns that never returned. The file names events without their
# group (probes_profile_seq_show), so it is kept whole; 'trace status' picks uvmctl's probes out of it.
for T in /sys/kernel/tracing /sys/kernel/debug/tracing; do
  [ -r "$T/kprobe_profile" ] && { cat "$T/kprobe_profile" >"$W/kprobe_profile.txt"; break; }
done
$UVMCTL trace status -o json >"$W/trace-status-during.json" 2>>"$E" || note "uvmctl trace status exited $?"
# The options of uvmctl's instance while it records, as the kernel has them: those that shape its lines (set by the
# start whatever the top level's are), then the top level's, for comparison.
for T in /sys/kernel/tracing /sys/kernel/debug/tracing; do
  [ -d "$T/instances/uvmctl/options" ] || continue
  for o in context-info latency-format raw hex bin sym-addr markers record-tgid; do
    echo "instance $o $(cat "$T/instances/uvmctl/options/$o" 2>/dev/null || echo none)"
    echo "top $o $(cat "$T/options/$o" 2>/dev/null || echo none)"
  done >"$W/instance-options.txt"
  break
done
kill -TERM "$REC" 2>>"$E"
wait "$REC" 2>/dev/null
$UVMCTL trace status >"$W/trace-status-after.txt" 2>>"$E"
for T in /sys/kernel/tracing /sys/kernel/debug/tracing; do
  [ -r "$T/kprobe_events" ] && { grep -q 'uvmctl/' "$T/kprobe_events" && note "probes left behind!"; break; }
done
$UVMCTL events -o json "$W/uvm.trace" >"$W/events.json" 2>>"$E" || note "uvmctl events on the trace exited $?"
run dmesg.txt dmesg
command -v journalctl >/dev/null && run journal-k.json journalctl -k -b -o json --no-pager

# --- what a reader wants to know first ----------------------------------------------------
{
  echo "driver: $(cat /sys/module/nvidia_uvm/version 2>/dev/null || cat /sys/module/nvidia/version 2>/dev/null || echo unknown)"
  echo "kernel: $(uname -r) $(uname -m); lockdown: $(cat /sys/kernel/security/lockdown 2>/dev/null || echo n/a)"
  echo "probes accepted by the kernel (kprobe_events while recording):"
  grep -o '^[pr][0-9]*:uvmctl/[a-z_0-9]*' "$W/kprobe_events.txt" 2>/dev/null | sed 's/^/  /'
  echo "hits and misses of uvmctl's probes before the recording stopped (trace-status-during.json; a probe with no hits may sit on an inlined copy):"
  python3 -c "import json,sys; p=json.load(open(sys.argv[1])).get('profile'); print('  unknown' if p is None else ''.join('  %s %d hits %d missed\n' % (k, v['hits'], v['misses']) for k, v in p.items()), end='')" \
    "$W/trace-status-during.json" 2>/dev/null
  echo "not installed, and why (trace-setup.txt):"
  grep -E '^  (missing|refused):' "$W/trace-setup.txt" 2>/dev/null
  echo "layout checks (diagnostics of events.json that name them; none means they passed):"
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); [print('  ' + x['message']) for x in d['diagnostics'] if 'layout' in x['message']]" \
    "$W/events.json" 2>/dev/null
  echo "events: $(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); import collections; print(dict(collections.Counter(e['type'] for e in d['events'])))" "$W/events.json" 2>/dev/null)"
} >"$W/SUMMARY.txt"
cat "$W/SUMMARY.txt"
echo "wrote $OUTDIR (copy it to src/test/resources/real/)"

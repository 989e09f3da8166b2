#!/usr/bin/env python3
"""Writes event NDJSON for the metrics benchmark (bench/metrics.sh): one node where N forked
workers each still hold the va_space of their killed parent through its inherited mm fd (so its
managed memory stays: driver 535 and later), with GPU and CPU memory resident,
spread over 8 GPUs: N held findings with N distinct holders. Deterministic.

usage: make-held-fleet.py FILE [N]
"""
import json
import sys

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
boot = "6f1c2a4e-9b3d-4c5e-8a7f-0d1e2f3a4b5c"
gpus = [f"0000:{b:02x}:00.0" for b in (0x1b, 0x3b, 0x5e, 0x86, 0xaf, 0xb1, 0xd8, 0xdb)]
used = {g: 0 for g in gpus}
out = [{"type": "schema", "schema": "uvmctl-events/1"},
       {"type": "driver_loaded", "boot": boot, "time": 12.2, "module": "nvidia_uvm", "version": "550.54.14"}]
for i in range(n):
    t = 100.0 + i
    va = f"0xffff8f01{i:08x}"
    owner, holder = 10000 + i, 20000 + i
    gpu = gpus[i % len(gpus)]
    start = 0x7f0000000000 + i * 0x100000000
    size = (1 + i % 16) << 26
    used[gpu] += size
    out += [
        {"type": "va_space_created", "boot": boot, "time": t, "va_space": va, "pid": owner, "comm": "python", "sharing": False},
        {"type": "fd_held", "boot": boot, "time": t, "va_space": va, "pid": owner, "comm": "python", "fd": "mm"},
        {"type": "range_created", "boot": boot, "time": t + 0.1, "va_space": va, "start": hex(start), "end": hex(start + size * 2 - 1),
         "range_type": "managed"},
        {"type": "populated", "boot": boot, "time": t + 0.2, "va_space": va, "address": hex(start), "bytes": size, "processor": gpu},
        {"type": "populated", "boot": boot, "time": t + 0.3, "va_space": va, "address": hex(start + size), "bytes": size // 4,
         "processor": "cpu"},
        {"type": "fd_held", "boot": boot, "time": t + 0.4, "va_space": va, "pid": holder, "comm": f"worker_{i}", "fd": "mm",
         "inherited_from": owner},
        {"type": "process_exited", "boot": boot, "time": t + 0.5, "pid": owner, "comm": "python", "reason": "signal", "signal": 9},
    ]
end = 100.0 + n + 600
for i in range(n):
    out.append({"type": "process_state", "boot": boot, "time": end, "pid": 20000 + i, "state": "alive", "ppid": 1, "comm": f"worker_{i}"})
for k, g in enumerate(gpus):
    out.append({"type": "gpu_memory", "boot": boot, "time": end, "gpu": g, "index": k, "pci": g, "total": 85899345920,
                "used": used[g] + 536870912, "free": 85899345920 - used[g] - 536870912, "reserved": 536870912})
out.append({"type": "capture", "boot": boot, "time": end, "wall": "2026-11-27T12:00:00Z"})
with open(path, "w") as f:
    for o in out:
        f.write(json.dumps(o, separators=(",", ":")) + "\n")

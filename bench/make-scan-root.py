#!/usr/bin/env python3
"""Writes the scan benchmark's system root: 10 000 processes, 500 of them GPU holders, about
1 000 000 /proc/PID/maps lines in all (see bench/scan.sh). Deterministic: same output every run.

usage: make-scan-root.py DIR [PROCESSES HOLDERS MAPS_LINES]
"""
import os
import random
import sys

root = sys.argv[1]
processes = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
holders = int(sys.argv[3]) if len(sys.argv) > 3 else 500
maps_lines = int(sys.argv[4]) if len(sys.argv) > 4 else 1_000_000
rng = random.Random(42)
HOLDER_LINES = maps_lines // 2 // holders
OTHER_LINES = (maps_lines - HOLDER_LINES * holders) // (processes - holders)
# The first EXTRA non-holders get one line more, so that the total is exactly maps_lines.
EXTRA = (maps_lines - HOLDER_LINES * holders) % (processes - holders)
LIBS = ["/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6", "/usr/bin/python3.11",
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30", "/opt/conda/lib/libcudart.so.12", "[heap]", "", "[stack]"]


def write(path, text):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)


def link(path, target):
    p = os.path.join(root, path)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    os.symlink(target, p)


def maps(n, holder):
    out = []
    addr = 0x7f0000000000 + rng.randrange(0, 1 << 32) * 0x1000
    for i in range(n):
        size = 0x1000 * rng.choice((1, 2, 16, 512))
        if holder and i % 20 == 0:
            line = f"{addr:x}-{addr + 0x200000:x} rw-s {addr:08x} 00:05 496                        /dev/nvidia-uvm"
            size = 0x200000
        elif holder and i % 20 == 1:
            line = f"{addr:x}-{addr + size:x} rw-s 00000000 00:05 421                        /dev/nvidiactl"
        else:
            lib = rng.choice(LIBS)
            perms = rng.choice(("r--p", "r-xp", "rw-p", "---p"))
            line = f"{addr:x}-{addr + size:x} {perms} {rng.randrange(0, 1 << 20) * 0x1000:08x} 103:02 {rng.randrange(1 << 20):<10d}"
            line = (line + " " * 16 + lib) if lib else line.rstrip() + " "
        out.append(line)
        addr += size + 0x1000
    return "\n".join(out) + "\n"


def status(pid, name, ppid, threads):
    return (f"Name:\t{name}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t{pid}\nNgid:\t0\nPid:\t{pid}\nPPid:\t{ppid}\n"
            f"TracerPid:\t0\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nFDSize:\t64\n"
            f"Groups:\t1000\nNStgid:\t{pid}\nNSpid:\t{pid}\nNSpgid:\t{pid}\nNSsid:\t{pid}\nVmPeak:\t 123456 kB\n"
            f"VmSize:\t 123456 kB\nVmRSS:\t  23456 kB\nThreads:\t{threads}\nSigQ:\t0/127581\n"
            "Cpus_allowed_list:\t0-63\nvoluntary_ctxt_switches:\t1234\nnonvoluntary_ctxt_switches:\t56\n")


def stat(pid, name, ppid):
    return f"{pid} ({name}) S {ppid} {pid} {pid} 0 -1 4194560 1000 0 0 0 10 5 0 0 20 0 1 0 8000000 123456789 2000 0\n"


holder_pids = set(rng.sample(range(1000, 1000 + processes), holders))
others_seen = 0
total_lines = 0
link("proc/self/ns/pid", "pid:[4026531836]")
write("proc/sys/kernel/hostname", "bench\n")
write("proc/uptime", "100000.00 200000.00\n")
for pid in range(1000, 1000 + processes):
    holder = pid in holder_pids
    name = "python" if holder else rng.choice(("bash", "sshd", "node", "java", "postgres", "nginx"))
    threads = 4 if holder else 1
    d = f"proc/{pid}"
    write(d + "/status", status(pid, name, 1, threads))
    write(d + "/stat", stat(pid, name, 1))
    write(d + "/cgroup", "0::/user.slice/user-1000.slice/session-3.scope\n")
    write(d + "/cmdline", name + "\0")
    link(d + "/ns/pid", "pid:[4026531836]")
    lines = HOLDER_LINES if holder else OTHER_LINES + (1 if others_seen < EXTRA else 0)
    others_seen += 0 if holder else 1
    total_lines += lines
    write(d + "/maps", maps(lines, holder))
    fds = {0: "/dev/null", 1: "pipe:[1234]", 2: "pipe:[1234]", 3: "socket:[5678]"}
    if holder:
        fds.update({4: "/dev/nvidiactl", 5: "/dev/nvidia-uvm", 6: "/dev/nvidia-uvm", 7: "/dev/nvidia0", 8: "/dev/nvidia1",
                    9: "anon_inode:[eventfd]", 10: "/dev/nvidiactl", 11: "/dev/shm/cuda.shm.1000"})
    os.makedirs(os.path.join(root, d, "fd"), exist_ok=True)
    for n, target in fds.items():
        link(f"{d}/fd/{n}", target)
        if target.startswith("/dev/nvidia"):
            write(f"{d}/fdinfo/{n}", "pos:\t0\nflags:\t02100002\nmnt_id:\t25\n")
    for t in range(threads):
        tid = pid if t == 0 else 100000 + pid * 10 + t
        write(f"{d}/task/{tid}/stat", stat(tid, name, 1))
print(f"{root}: {processes} processes, {holders} holders, {total_lines} maps lines")

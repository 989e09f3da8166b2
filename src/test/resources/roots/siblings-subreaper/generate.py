#!/usr/bin/env python3
"""Writes this fixture: a DataLoader-style pool orphaned inside a container.

python (pid 7400, process group 7400, session 7390) opened /dev/nvidia-uvm at fd 4, forked
three workers (7401-7403) and was OOM-killed. fork() shares the open file (kernel/fork.c:
dup_fd), so the workers hold its one va_space; the managed vmas were not copied (uvm_mmap sets
VM_DONTCOPY, uvm.c 580.95.05). The kernel reparented them to the nearest child subreaper, tini
(host pid 7300, pid 1 of the container's PID namespace: NSpid 7300 1), whose process group and
session differ from theirs. Nothing in the fixture says kcmp's answer: the heuristic decides.
Run from this directory: ./generate.py (rewrites the files unchanged).
"""
import os, shutil

ROOT = os.path.dirname(os.path.abspath(__file__))
shutil.rmtree(os.path.join(ROOT, "proc"), ignore_errors=True)

def w(path, text):
    p = os.path.join(ROOT, path.lstrip("/"))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        f.write(text)

def link(path, target):
    p = os.path.join(ROOT, path.lstrip("/"))
    os.makedirs(os.path.dirname(p), exist_ok=True)
    os.symlink(target, p)

def proc(pid, name, ppid, pgrp, sid, nspid, uvm_fds=(), start=9000000):
    d = "/proc/%d" % pid
    ns = "\t".join(str(x) for x in nspid)
    w(d + "/status", "Name:\t%s\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n"
      "Uid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\nFDSize:\t64\nNStgid:\t%s\nNSpid:\t%s\nNSpgid:\t%d\nNSsid:\t%d\nThreads:\t1\n"
      % (name, pid, pid, ppid, ns, ns, pgrp, sid))
    stat = "%d (%s) S %d %d %d 0 -1 4194560 1000 0 0 0 10 5 0 0 20 0 1 0 %d 123456789 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n" % (
        pid, name, ppid, pgrp, sid, start)
    w(d + "/stat", stat)
    w(d + "/task/%d/stat" % pid, stat)
    w(d + "/task/%d/wchan" % pid, "0")
    w(d + "/wchan", "0")
    w(d + "/cmdline", name + "\0")
    w(d + "/cgroup", "0::/kubepods/pod-4711/cri-containerd-abc\n")
    w(d + "/maps", "")
    link(d + "/ns/pid", "pid:[4026532999]" if len(nspid) > 1 else "pid:[4026531836]")
    os.makedirs(os.path.join(ROOT, d.lstrip("/"), "fd"), exist_ok=True)
    for fd in (0, 1):
        link(d + "/fd/%d" % fd, "/dev/null")
        w(d + "/fdinfo/%d" % fd, "pos:\t0\nflags:\t02\nmnt_id:\t25\nino:\t5\n")
    for fd in uvm_fds:
        link(d + "/fd/%d" % fd, "/dev/nvidia-uvm")
        w(d + "/fdinfo/%d" % fd, "pos:\t0\nflags:\t02100002\nmnt_id:\t25\nino:\t404\n")

proc(1, "systemd", 0, 1, 1, [1], start=1)
proc(7200, "containerd-shim", 1, 7200, 7200, [7200])
proc(7300, "tini", 7200, 7300, 7300, [7300, 1])
for i, pid in enumerate((7401, 7402, 7403)):
    proc(pid, "pt_data_worker", 7300, 7400, 7390, [pid, 12 + i], uvm_fds=(4,))
w("/proc/uptime", "9100.50 17000.00\n")
w("/proc/sys/kernel/random/boot_id", "0b5e7c1a-2f3d-4e5f-8a9b-0c1d2e3f4a5b\n")
link("/proc/self", "1")

package dev.uvmctl.procfs;

import dev.uvmctl.shared.Diagnostic;
import dev.uvmctl.shared.Provenance;
import dev.uvmctl.source.IoErrors;
import dev.uvmctl.source.SysRoot;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads every process under {@code /proc} of a system root and keeps the ones that hold NVIDIA
 * device files (fd links and maps, uvm.c: uvm_mmap and uvm_open) or wait in the driver. A process that exits
 * while it is read counts as vanished, never as an error: it has exited only when its directory is
 * gone (or, in a capture bundle, when the manifest lists it among the processes that exited during
 * the capture). A file the reader may not open (other users' fds and maps need root or
 * CAP_SYS_PTRACE), or a holder's status or maps missing from a process directory that is still
 * there, is recorded as unreadable and the scan goes on.
 */
public final class ProcessScanner {
    /** Why a file of a process that is still there could not be read, when it is simply not there. */
    public static final String MISSING = "missing, though the process directory is still there";

    private final SysRoot root;
    private final Set<Integer> exitedDuringCapture;
    private final List<ProcessStatus> processes = new ArrayList<>();
    private final List<HolderProcess> holders = new ArrayList<>();
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Integer> vanished = new ArrayList<>();
    /** Who reads: what a refused read says would lift the refusal. */
    private final ReaderAccess reader;

    private ProcessScanner(SysRoot root, Set<Integer> exitedDuringCapture, ReaderAccess reader) {
        this.root = root;
        this.exitedDuringCapture = exitedDuringCapture;
        this.reader = reader;
    }

    /** Reads every process of {@code root}, a live system or a root with no list of processes that exited while it was captured. */
    public static ProcessScan scan(SysRoot root) {
        return scan(root, Set.of());
    }

    /**
     * Reads every process of {@code root}; {@code exitedDuringCapture} are the pids its capture saw
     * exit (a bundle's manifest), whose directories the bundle keeps. Processes are read in parallel
     * (a node has thousands, and each costs a few system calls) and merged in pid order, so the
     * result does not depend on timing.
     */
    public static ProcessScan scan(SysRoot root, Set<Integer> exitedDuringCapture) {
        List<Integer> pids;
        try {
            pids = pids(root.list("/proc"));
        } catch (IOException e) {
            return new ProcessScan(0, List.of(), List.of(), List.of(), 0, List.of(Diagnostic.of(root.display("/proc"), IoErrors.describe(e))),
                root.display("/proc") + " could not be listed (" + IoErrors.describe(e) + ")" + ofACaptureRun(root));
        }
        if (pids.isEmpty() && !root.exists(BundlePaths.SNAPSHOT_CAPTURED_AT)) {
            // A live /proc always lists the process that reads it, and a capture lists what it read: with no
            // /proc/PID at all nothing was read, which is blindness, never "no holder". A snapshot of
            // dev/capture-real.sh (captured-at) keeps only the holders' directories: there none means none.
            return new ProcessScan(0, List.of(), List.of(), List.of(), 0, List.of(),
                root.display("/proc") + " could not be read: no process directory (/proc/PID) is there");
        }
        ReaderAccess reader = ReaderAccess.of(root);
        List<ProcessScanner> each = pids.parallelStream().map(pid -> {
            ProcessScanner one = new ProcessScanner(root, exitedDuringCapture, reader);
            one.process(pid);
            return one;
        }).toList();
        ProcessScanner all = new ProcessScanner(root, exitedDuringCapture, reader);
        for (ProcessScanner one : each) {
            all.processes.addAll(one.processes);
            all.holders.addAll(one.holders);
            all.unreadable.addAll(one.unreadable);
            all.diagnostics.addAll(one.diagnostics);
            all.vanished.addAll(one.vanished);
        }
        return new ProcessScan(all.processes.size(), List.copyOf(all.processes), List.copyOf(all.holders), List.copyOf(all.unreadable),
            all.vanished.size(), List.copyOf(all.diagnostics), null, List.copyOf(all.vanished));
    }

    /**
     * What to give instead when {@code root} is what dev/capture-real.sh wrote, whose processes are in its
     * snapshots ({@link CaptureRun}): the last of them, or the whole to {@code uvmctl leaks}; else nothing.
     */
    private static String ofACaptureRun(SysRoot root) {
        CaptureRun run = CaptureRun.of(root);
        if (run == null) {
            return "";
        }
        return ": this is a capture run of dev/capture-real.sh, whose processes are in its snapshots: give the last one, --root DIR"
            + run.snapshots().get(run.snapshots().size() - 1) + ", or the whole run to 'uvmctl leaks DIR'";
    }

    /**
     * True when {@code root} has a process table: a {@code /proc} with a process in it. One that
     * cannot be listed counts (reading it says why); a {@code /proc} with only files
     * ({@code uptime}) shows no process at all.
     */
    public static boolean hasProcessTable(SysRoot root) {
        if (!root.isDirectory("/proc")) {
            return false;
        }
        try {
            return !pids(root.list("/proc")).isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    static List<Integer> pids(List<String> names) {
        List<Integer> pids = new ArrayList<>();
        for (String n : names) {
            if (!n.isEmpty() && n.length() <= 9 && n.chars().allMatch(c -> c >= '0' && c <= '9')) {
                pids.add(Integer.valueOf(n));
            }
        }
        pids.sort(null);
        return pids;
    }

    /**
     * Kernel threads hold no user fds, and a non-root reader may not list their fd directories:
     * they are neither holders nor unreadable. Linux 6.0+ says {@code Kthread: 1}; before, a kernel
     * thread is a child of kthreadd (or kthreadd itself) with no memory map, hence no {@code VmSize}.
     */
    static boolean kernelThread(String statusText, ProcessStatus status) {
        if (statusText.contains("\nKthread:\t1")) {
            return true;
        }
        if (statusText.contains("\nKthread:") || statusText.contains("\nVmSize:") || status.zombie()) {
            return false;
        }
        Integer ppid = status.ppid();
        boolean kthreadd = status.pid() == 2 && Integer.valueOf(0).equals(ppid);
        return (kthreadd || Integer.valueOf(2).equals(ppid)) && Integer.valueOf(1).equals(status.threads());
    }

    /** Why a read under /proc/PID failed, a refusal with what would lift it for this reader. */
    private String describe(IOException e) {
        return e instanceof AccessDeniedException ? reader.refusal() : IoErrors.describe(e);
    }

    /** Why a read failed: gone (the process exited), or refused. */
    private enum Outcome { ok, gone, refused }

    private void process(int pid) {
        String dir = "/proc/" + pid;
        ProcessStatus status;
        String statusText;
        try {
            statusText = root.readString(dir + "/status");
            status = StatusParser.parse(statusText, pid, root.display(dir + "/status"), diagnostics);
        } catch (NoSuchFileException e) {
            if (exited(pid)) {
                vanished.add(pid);
            } else {
                unreadable.add(new Unreadable(pid, null, root.display(dir + "/status"), MISSING));
            }
            return;
        } catch (IOException e) {
            unreadable.add(new Unreadable(pid, null, root.display(dir + "/status"), describe(e)));
            return;
        }
        if (status == null) {
            return;
        }
        processes.add(status);
        if (kernelThread(statusText, status)) {
            return;
        }
        List<String> refused = new ArrayList<>();
        String base = status.zombie() && status.threads() != null && status.threads() > 1 ? liveThreadDir(dir) : dir;
        List<FdLink> fds = new ArrayList<>();
        Outcome fdOutcome = readFds(base, fds, refused);
        List<MapsRange> ranges = new ArrayList<>();
        Outcome mapsOutcome = readMaps(base, ranges, refused);
        // Gone only if the process itself is: a bundle keeps the status of a process that holds
        // no device without its fd and maps, and git or zip drop the empty fd directory of a zombie.
        if ((fdOutcome == Outcome.gone || mapsOutcome == Outcome.gone) && exited(pid)) {
            processes.remove(processes.size() - 1);
            vanished.add(pid);
            return;
        }
        if (mapsOutcome == Outcome.gone && !fds.isEmpty()) {
            // A holder's mappings (its managed ranges) are unknown: never taken as none.
            refused.add(root.display(base + "/maps") + ": " + MISSING);
        }
        String leaderWchan = status.uninterruptible() ? readOptional(dir + "/wchan") : null;
        boolean waitsInDriver = leaderWchan != null && TaskState.driverSymbol(StackParser.wchan(leaderWchan));
        boolean defunctWithThreads = status.zombie() && !base.equals(dir);
        if (fds.isEmpty() && ranges.isEmpty() && !waitsInDriver && !defunctWithThreads) {
            // A process we could not read may hold devices all the same: it counts as unreadable.
            unreadableFrom(pid, status, refused);
            return;
        }
        holders.add(holder(pid, status, dir, base, fds, ranges, refused));
    }

    /** The process has exited: its directory is gone, or its capture saw it exit. */
    private boolean exited(int pid) {
        return exitedDuringCapture.contains(pid) || !root.isDirectory("/proc/" + pid);
    }

    /** {@code base} is where the fds were read: the process, or a live thread of a defunct leader. */
    private HolderProcess holder(int pid, ProcessStatus status, String dir, String base, List<FdLink> fds, List<MapsRange> ranges,
                                 List<String> refused) {
        ProcessStat stat = null;
        String statText = readOptional(dir + "/stat");
        if (statText != null) {
            stat = StatParser.parse(statText, root.display(dir + "/stat"), diagnostics);
        }
        String cmdline = readOptional(dir + "/cmdline");
        if (cmdline != null) {
            cmdline = cmdline.replace('\0', ' ').strip();
        }
        CgroupInfo cgroup = null;
        String cgroupText = readOptional(dir + "/cgroup");
        if (cgroupText != null) {
            cgroup = CgroupParser.parse(cgroupText, root.display(dir + "/cgroup"), diagnostics);
        }
        String ns = null;
        try {
            ns = root.readLink(dir + "/ns/pid").orElse(null);
        } catch (NoSuchFileException e) {
            ns = null;
        } catch (IOException e) {
            refused.add(root.display(dir + "/ns/pid") + ": " + describe(e));
        }
        List<FdLink> withFlags = new ArrayList<>();
        for (FdLink f : fds) {
            String info = root.display(base + "/fdinfo/" + f.fd());
            String text = readOptional(base + "/fdinfo/" + f.fd());
            Long flags = text == null ? null : FdinfoParser.flags(text, info, diagnostics);
            withFlags.add(new FdLink(f.fd(), f.target(), f.device(), flags, f.origin()));
        }
        List<TaskState> tasks = new ArrayList<>();
        int threads = readTasks(pid, status, dir, tasks);
        unreadableFrom(pid, status, refused);
        return new HolderProcess(pid, status, stat, cmdline, cgroup, ns, List.copyOf(withFlags), List.copyOf(ranges),
            List.copyOf(tasks), threads, List.copyOf(refused));
    }

    private void unreadableFrom(int pid, ProcessStatus status, List<String> refused) {
        for (String r : refused) {
            // "path: reason": a path under /proc/PID has no ": ", a reason may (an I/O error's message names its file).
            int colon = r.indexOf(": ");
            unreadable.add(new Unreadable(pid, status.name(), r.substring(0, colon), r.substring(colon + 2)));
        }
    }

    /** A thread of a defunct leader that is still alive: its fd table and mm are the process's. */
    private String liveThreadDir(String dir) {
        try {
            for (String tid : root.list(dir + "/task")) {
                String t = dir + "/task/" + tid;
                String text = readOptional(t + "/stat");
                ProcessStat st = text == null ? null : StatParser.parse(text, root.display(t + "/stat"), diagnostics);
                if (st != null && !st.state().equals("Z") && !st.state().equals("X")) {
                    return t;
                }
            }
        } catch (IOException e) {
            return dir;
        }
        return dir;
    }

    private Outcome readFds(String base, List<FdLink> out, List<String> refused) {
        List<String> names;
        try {
            names = root.list(base + "/fd");
        } catch (NoSuchFileException e) {
            return Outcome.gone;
        } catch (IOException e) {
            refused.add(root.display(base + "/fd") + ": " + describe(e));
            return Outcome.refused;
        }
        for (String name : names) {
            String link = base + "/fd/" + name;
            String target;
            try {
                target = root.readLink(link).orElse(null);
            } catch (NoSuchFileException e) {
                continue; // closed while we looked
            } catch (IOException e) {
                refused.add(root.display(link) + ": " + describe(e));
                continue;
            }
            DeviceFile device = DeviceFile.of(target);
            if (device != null) {
                try {
                    out.add(new FdLink(Integer.parseInt(name), target, device, null, Provenance.of(root.display(link))));
                } catch (NumberFormatException e) {
                    diagnostics.add(Diagnostic.of(root.display(link), "an fd entry that is not a number"));
                }
            }
        }
        return Outcome.ok;
    }

    private Outcome readMaps(String base, List<MapsRange> out, List<String> refused) {
        String path = base + "/maps";
        try (InputStream in = root.open(path)) {
            MapsParser.parse(in, root.display(path), MapsParser.NVIDIA_DEVICES, out::add, diagnostics);
            return Outcome.ok;
        } catch (NoSuchFileException e) {
            return Outcome.gone;
        } catch (IOException e) {
            refused.add(root.display(path) + ": " + describe(e));
            return Outcome.refused;
        }
    }

    private int readTasks(int pid, ProcessStatus status, String dir, List<TaskState> out) {
        List<String> tids;
        try {
            tids = root.list(dir + "/task");
        } catch (IOException e) {
            tids = List.of(String.valueOf(pid));
        }
        int read = 0;
        for (String tid : tids) {
            String t = dir + "/task/" + tid;
            String text = readOptional(t + "/stat");
            if (text == null && tid.equals(String.valueOf(pid))) {
                t = dir;
                text = readOptional(dir + "/stat");
            }
            if (text == null) {
                continue;
            }
            ProcessStat st = StatParser.parse(text, root.display(t + "/stat"), diagnostics);
            if (st == null) {
                continue;
            }
            read++;
            boolean leader = st.pid() == pid;
            boolean notable = st.state().equals("D") || (status.zombie() && !st.state().equals("Z"));
            if (!leader && !notable) {
                continue;
            }
            String wchan = null;
            List<String> stack = List.of();
            if (notable || st.state().equals("D")) {
                String w = readOptional(t + "/wchan");
                wchan = w == null ? null : StackParser.wchan(w);
                String s = readOptional(t + "/stack");
                stack = s == null ? List.of() : StackParser.frames(s, root.display(t + "/stack"), diagnostics);
            }
            out.add(new TaskState(pid, st.pid(), commOf(text), st.state(), wchan, stack, Provenance.of(root.display(t + "/stat"))));
        }
        return read;
    }

    private static String commOf(String statText) {
        int open = statText.indexOf(" (");
        int close = statText.lastIndexOf(')');
        return open > 0 && close > open ? statText.substring(open + 2, close) : null;
    }

    /** The file's text, or null when it is absent or refused (a holder's optional details). */
    private String readOptional(String path) {
        try {
            return root.readString(path);
        } catch (IOException e) {
            return null;
        }
    }
}

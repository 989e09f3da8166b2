package dev.uvmctl.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes the model knows, by pid. Only the current incarnation of a pid is indexed;
 * an ended process stays reachable from the va_spaces it owned or held, and is forgotten once
 * none refers to it (a bounded number stay remembered), so memory follows live processes. A
 * process known only from a kernel report (a hung task that holds no va_space) is remembered
 * the same bounded way, so that a log full of such reports does not grow memory.
 */
final class ProcessTable {
    /** How many ended processes are remembered after no va_space refers to them. */
    static final int ENDED_REMEMBERED = 4096;
    /** How many live processes that hold nothing and were only reported (blocked) are remembered. */
    static final int QUIET_REMEMBERED = 4096;

    private final Map<Integer, ProcessInfo> byPid = new HashMap<>();
    private final Map<Integer, ProcessInfo> ended = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ProcessInfo> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    private final Map<Integer, ProcessInfo> quiet = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ProcessInfo> eldest) {
            return size() > QUIET_REMEMBERED;
        }
    };

    private final Map<Integer, ProcessInfo> threads = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ProcessInfo> eldest) {
            return size() > ENDED_REMEMBERED;
        }
    };

    /** The current incarnation of {@code pid}; a new one (taken to be alive) when none is known. */
    ProcessInfo current(int pid) {
        ProcessInfo p = byPid.get(pid);
        if (p == null) {
            ProcessInfo setAside = quiet.remove(pid);
            p = setAside != null ? setAside : new ProcessInfo(pid);
            byPid.put(pid, p);
        }
        return p;
    }

    /** A live incarnation of {@code pid}: a new one when the current one has ended (pid reuse). */
    ProcessInfo alive(int pid) {
        ProcessInfo p = byPid.containsKey(pid) ? byPid.get(pid) : quiet.containsKey(pid) ? current(pid) : null;
        if (p == null || !p.holdsFiles()) {
            p = new ProcessInfo(pid);
            byPid.put(pid, p);
        }
        return p;
    }

    /**
     * The current incarnation of {@code pid}, or an ended one remembered (an nvidia-smi snapshot
     * may list a pid that exited), or null when none is known.
     */
    ProcessInfo known(int pid) {
        ProcessInfo p = byPid.get(pid);
        if (p == null) {
            p = quiet.get(pid);
        }
        return p != null ? p : ended.get(pid);
    }

    /** Drops an ended process that no va_space refers to any more, remembering a few of them. */
    void forgetIfUnused(ProcessInfo p) {
        if (!p.holdsFiles() && p.vaSpaces.isEmpty() && byPid.get(p.pid()) == p) {
            byPid.remove(p.pid());
            ended.put(p.pid(), p);
        }
    }

    /** Sets aside a live process that holds nothing and that no snapshot described (it was only reported), remembering a few. */
    void forgetIfQuiet(ProcessInfo p) {
        if (p.holdsFiles() && p.state == null && p.vaSpaces.isEmpty() && byPid.get(p.pid()) == p) {
            byPid.remove(p.pid());
            quiet.put(p.pid(), p);
        }
    }

    /**
     * Makes {@code p}, an ended process, the current incarnation of its pid again: it was seen
     * still exiting (killed, a thread still in the kernel), not replaced by a new process.
     */
    void stillExiting(ProcessInfo p) {
        ended.remove(p.pid(), p);
        byPid.put(p.pid(), p);
    }

    /** The ended processes still indexed (a va_space refers to them): the ones a thread reported later may belong to. */
    /**
     * The ended processes the table knows: those still referred to and those remembered (a
     * killed process whose thread the kernel reports later, with no va_space any input named).
     */
    List<ProcessInfo> endedKnown() {
        List<ProcessInfo> out = endedReferenced();
        out.addAll(ended.values());
        return out;
    }

    /** Ties {@code tid}, a thread the kernel reported, to its process {@code p} (see {@link #ofTask}). */
    void thread(int tid, ProcessInfo p) {
        threads.put(tid, p);
    }

    /** The process the kernel's report of task {@code tid} is about: the one with that pid, else the one its thread was tied to. */
    ProcessInfo ofTask(int tid) {
        ProcessInfo p = known(tid);
        return p != null ? p : threads.get(tid);
    }

    List<ProcessInfo> endedReferenced() {
        List<ProcessInfo> out = new ArrayList<>();
        for (ProcessInfo p : byPid.values()) {
            if (!p.holdsFiles()) {
                out.add(p);
            }
        }
        return out;
    }

    int size() {
        return byPid.size() + quiet.size();
    }

    void clear() {
        threads.clear();
        byPid.clear();
        ended.clear();
        quiet.clear();
    }
}

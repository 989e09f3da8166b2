package dev.uvmctl.finding;

import dev.uvmctl.event.Event;
import dev.uvmctl.event.EventTime;
import dev.uvmctl.event.ExitReason;
import dev.uvmctl.event.ProcState;
import dev.uvmctl.event.Xid;
import dev.uvmctl.shared.Sizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups concluded findings by the ended process that explains them (docs/leaks.md,
 * "Incidents"). A finding is explained by a process that ended (an exit, a signal, an OOM kill,
 * or seen gone) when it names that process as its owner or as an ended pid nvidia-smi still
 * charges. A GPU that UVM still retains with no holder names nobody: it joins the incident of the
 * one ended process the other findings on that GPU name, and none when they name several or none
 * (the retain count cannot say whose va_space, channel or external mapping it is). One finding
 * alone is not an incident, unless its process was killed and is still exiting, blocked in the
 * driver's teardown ({@link #stillExiting}): the kill is the cause to lead with.
 */
public final class Incidents {
    /** How long before the end an Xid counts as "just before" it. */
    static final long XID_WINDOW = 60_000_000_000L;

    private Incidents() {
    }

    /** The incidents among {@code findings}, in the order of their first finding. */
    public static List<Incident> of(List<Finding> findings) {
        Map<String, ProcessRef> ended = new LinkedHashMap<>();
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        List<Finding> anonymous = new ArrayList<>();
        for (Finding f : findings) {
            ProcessRef p = explainedBy(f);
            if (p != null) {
                String key = key(f.boot(), p);
                ended.putIfAbsent(key, p);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            } else if (f.owner() == null && f.holders().isEmpty() && f.vaSpace() == null && !f.gpus().isEmpty()) {
                anonymous.add(f);
            }
        }
        for (Finding f : anonymous) {
            String only = onlyEndedOn(f, groups);
            if (only != null) {
                groups.get(only).add(f);
            }
        }
        List<Incident> out = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : groups.entrySet()) {
            if (e.getValue().size() < 2 && !stillExiting(ended.get(e.getKey()))) {
                continue;
            }
            List<Finding> group = new ArrayList<>(e.getValue());
            group.sort((a, b) -> Integer.compare(findings.indexOf(a), findings.indexOf(b)));
            out.add(incident(group.get(0).boot(), ended.get(e.getKey()), group));
        }
        return out;
    }

    /**
     * The heading of the incident's findings in the table, below the table: the incident's id and
     * who ended, not the whole {@link #line} again (the report leads with it).
     */
    public static String heading(Incident i) {
        int n = i.findings().size();
        return (n == 1 ? "the finding " : "the " + n + " findings ") + ProcessRefs.name(i.process()) + "'s end explains:";
    }

    /** Finding id to incident id, for the findings in an incident. */
    public static Map<String, String> byFinding(List<Incident> incidents) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Incident i : incidents) {
            for (String f : i.findings()) {
                out.put(f, i.id());
            }
        }
        return out;
    }

    /**
     * The incident in one line: who ended, how, when, what it left on which GPU and who holds it:
     * {@code 5120 (python3) was killed by the OOM killer at [4210.481290], after Xid 31 on ...: left 3.1 GiB on 0000:3b:00.0; nothing live holds it (2 findings)}.
     */
    public static String line(Incident i) {
        StringBuilder b = new StringBuilder(ProcessRefs.name(i.process())).append(' ').append(ProcessRefs.fate(i.process()));
        if (i.process().exitTime() != EventTime.UNKNOWN) {
            b.append(" at [").append(EventTime.kernelLogSeconds(i.process().exitTime())).append(']');
        }
        for (Xid x : i.xids()) {
            b.append(", after Xid ").append(x.code()).append(" on ").append(x.gpu());
            if (x.time().monoNanos() != EventTime.UNKNOWN) {
                b.append(" at [").append(EventTime.kernelLogSeconds(x.time().monoNanos())).append(']');
            }
        }
        boolean exiting = stillExiting(i.process());
        if (exiting) {
            ProcessRef.BlockedThread t = i.process().blockedThread();
            b.append(", and has not finished exiting: ").append(t == null ? "it" : "its thread " + t.tid()).append(" is blocked in ")
                .append(i.process().blockedIn());
        }
        b.append(exiting ? ": it keeps " : ": left ");
        List<String> left = new ArrayList<>();
        for (String gpu : i.gpus()) {
            Long bytes = i.bytes().get(gpu);
            left.add((bytes == null ? "memory of unknown size" : Sizes.iec(bytes)) + " on " + gpu);
        }
        b.append(!left.isEmpty() ? String.join(", ", left) : exiting ? "what it was releasing (no input names the GPU)"
            : "memory on no GPU an input named");
        if (i.holders().isEmpty()) {
            b.append(exiting ? "; nothing else holds it" : "; no live process holds it");
        } else {
            List<String> names = new ArrayList<>();
            for (ProcessRef h : i.holders()) {
                names.add(ProcessRefs.name(h));
            }
            b.append("; held by ").append(String.join(", ", names));
        }
        int n = i.findings().size();
        return b.append(" (").append(n).append(n == 1 ? " finding)" : " findings)").toString();
    }

    private static Incident incident(String boot, ProcessRef p, List<Finding> group) {
        Set<String> gpus = new LinkedHashSet<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<Integer, ProcessRef> holders = new LinkedHashMap<>();
        Map<String, Xid> xids = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        for (Finding f : group) {
            ids.add(f.id());
            gpus.addAll(f.gpus());
            if (f.bytes() != null) {
                for (Map.Entry<String, Long> b : f.bytes().entrySet()) {
                    if (!b.getKey().equals("cpu") && b.getValue() > 0) {
                        bytes.merge(b.getKey(), b.getValue(), Math::max);
                    }
                }
            }
            for (ProcessRef h : f.holders()) {
                if (h.pid() != p.pid() && alive(h)) {
                    holders.putIfAbsent(h.pid(), h);
                }
            }
            for (Event e : f.evidence().events()) {
                if (e instanceof Xid x && justBefore(x, p, boot)) {
                    xids.putIfAbsent(x.source().location(), x);
                }
            }
        }
        gpus.addAll(bytes.keySet());
        String id = FindingIds.of("incident", boot, p.pid(), p.exitTime() == EventTime.UNKNOWN ? null : p.exitTime());
        return new Incident(id, p, List.copyOf(gpus), Map.copyOf(bytes), List.copyOf(holders.values()), List.copyOf(xids.values()),
            List.copyOf(ids));
    }

    /** The ended process a finding names as its owner, or as the one ended pid still charged; null when none or several. */
    private static ProcessRef explainedBy(Finding f) {
        if (f.owner() != null) {
            return ended(f.owner()) ? f.owner() : null;
        }
        ProcessRef only = null;
        for (ProcessRef h : f.holders()) {
            if (ended(h)) {
                if (only != null && only.pid() != h.pid()) {
                    return null;
                }
                only = h;
            }
        }
        return only;
    }

    /** The key of the one ended process the grouped findings on one of {@code f}'s GPUs name, or null. */
    private static String onlyEndedOn(Finding f, Map<String, List<Finding>> groups) {
        String only = null;
        for (Map.Entry<String, List<Finding>> e : groups.entrySet()) {
            boolean onGpu = e.getValue().stream().anyMatch(g -> g.gpus().stream().anyMatch(f.gpus()::contains));
            if (onGpu) {
                if (only != null) {
                    return null;
                }
                only = e.getKey();
            }
        }
        return only;
    }

    private static boolean justBefore(Xid x, ProcessRef p, String boot) {
        long at = x.time().monoNanos();
        long end = p.exitTime();
        if (at == EventTime.UNKNOWN || end == EventTime.UNKNOWN || boot != null && x.time().boot() != null && !boot.equals(x.time().boot())) {
            return false;
        }
        return at <= end && end - at <= XID_WINDOW && (x.pid() == null || x.pid() == p.pid());
    }

    /**
     * Ended and blocked in the driver's teardown since, by the rule of
     * {@link ExitReason#stillTearingDown} (killed, or a traced exit whose teardown
     * did not return), and not seen gone after: its end has not finished, the release runs in its
     * last thread's {@code __fput}. Its findings are stuck, and the end is their cause even when it
     * explains one finding only.
     */
    static boolean stillExiting(ProcessRef p) {
        // Seen gone after it was reported blocked: the release returned, and the process finished exiting.
        return p.blockedIn() != null && p.exitReason() != null && p.exitReason().stillTearingDown(p.blockedReason())
            && p.state() != ProcState.gone;
    }

    static boolean ended(ProcessRef p) {
        return p.exitReason() != null || p.state() == ProcState.gone || p.state() == ProcState.zombie;
    }

    private static boolean alive(ProcessRef p) {
        return p.state() == null || p.state() == ProcState.alive || p.state() == ProcState.uninterruptible;
    }

    private static String key(String boot, ProcessRef p) {
        return boot + "|" + p.pid() + "|" + p.exitTime();
    }
}

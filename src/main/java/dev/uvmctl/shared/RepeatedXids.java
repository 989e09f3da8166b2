package dev.uvmctl.shared;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One Xid that two inputs both report, told apart from two Xids, so that it is counted once: one
 * rule for the events every judging command replays ({@code ingest.EventMerger}) and for the
 * records {@code uvmctl dmesg} lists and counts.
 *
 * <p>The driver reports each Xid through every channel in one call: {@code nvErrorLog}
 * (src/nvidia/src/kernel/os/os_init.c, 535.43.02; {@code nvErrorLog2} from 570.123.01 to
 * 595.45.04) prints {@code NVRM: Xid (PCI:…): N, …} through
 * {@code krcReportXid} and then calls {@code osErrorLogV} → {@code nv_log_error}, the function
 * uvmctl's {@code uvm_xid} probe is on, which calls {@code nv_report_error}, where the
 * {@code nvidia:nvidia_dev_xid} tracepoint fires (575.51.02..595). So a trace and a kernel log of
 * one boot show the same Xid of the same GPU, microseconds apart on the same clock; two kernel
 * logs of one boot (a {@code dmesg} and a {@code journalctl -k} of it) show it at the same
 * microsecond. An Xid of one boot, GPU and code that another input reported at most
 * {@link #WINDOW_NANOS} from it is that one again, and is left out; an Xid kept stands for at most
 * one of each other input, so a burst of the same Xid keeps its count. Xids of one input are never
 * each other: an input reports each Xid once. Without {@code RmLogonRC} the kernel log prints none,
 * and the trace's stand alone. An Xid whose boot or time is unknown is never compared.
 */
public final class RepeatedXids {
    /** How far apart two inputs' reports of one Xid may be: far more than one call's formatting and printk take. */
    public static final long WINDOW_NANOS = 1_000_000_000L;

    /** The report an Xid repeats: the input that gave it, and how long before (negative: after) the repeat it was. */
    public record Earlier(String input, long nanosBefore) {
    }

    private record Key(String boot, String gpu, int code) {
    }

    /** An Xid kept, and the other inputs whose report of it was left out. */
    private record Seen(String input, long nanos, Set<String> repeatedBy) {
    }

    private final Map<Key, TreeMap<Long, List<Seen>>> seen = new HashMap<>();
    /** What {@link #discard} takes back: the Xids kept and the repeats counted since the last {@link #commit} (not in order only). */
    private final List<Runnable> pending = new ArrayList<>();
    /** Given in replay order (boot, then time): Xids out of the window behind are forgotten, so memory stays flat in a long run. */
    private final boolean inOrder;
    /** With {@link #inOrder}: the Xids kept, oldest first. */
    private final ArrayDeque<Map.Entry<Key, Long>> kept = new ArrayDeque<>();
    /** The pairs of inputs (the earlier's, then the repeat's) whose repeats were said. */
    private final Set<String> saidPairs = new HashSet<>();

    /** {@code inOrder}: the Xids come in replay order (the merger's), so each is compared with the last second's only. */
    public RepeatedXids(boolean inOrder) {
        this.inOrder = inOrder;
    }

    /**
     * The other input's report that the Xid of {@code gpu} and {@code code}, read from {@code input}
     * at {@code nanos} of {@code boot}, repeats: then it is to be left out. Null when it is an Xid of
     * its own (remembered as one).
     */
    public Earlier repeats(String boot, String gpu, int code, long nanos, String input) {
        if (boot == null || gpu == null || nanos < 0) {
            return null;
        }
        if (inOrder) {
            forgetBehind(boot, nanos);
        }
        Key key = new Key(boot, gpu, code);
        TreeMap<Long, List<Seen>> times = seen.computeIfAbsent(key, k -> new TreeMap<>());
        for (List<Seen> at : times.subMap(nanos - WINDOW_NANOS, true, nanos + WINDOW_NANOS, true).values()) {
            for (Seen s : at) {
                if (!s.input().equals(input) && s.repeatedBy().add(input)) {
                    undoable(() -> s.repeatedBy().remove(input));
                    return new Earlier(s.input(), nanos - s.nanos());
                }
            }
        }
        Seen one = new Seen(input, nanos, new HashSet<>(2));
        List<Seen> at = times.computeIfAbsent(nanos, t -> new ArrayList<>(1));
        at.add(one);
        undoable(() -> at.remove(one));
        if (inOrder) {
            kept.addLast(Map.entry(key, nanos));
        }
        return null;
    }

    /** Forgets the Xids of another boot, or more than the window before {@code nanos}: no later Xid can repeat them. */
    private void forgetBehind(String boot, long nanos) {
        while (!kept.isEmpty()) {
            Map.Entry<Key, Long> oldest = kept.peekFirst();
            if (oldest.getKey().boot().equals(boot) && nanos - oldest.getValue() <= WINDOW_NANOS) {
                return;
            }
            kept.pollFirst();
            // Xids of one GPU and code at one time share a list: the first of them takes it all.
            TreeMap<Long, List<Seen>> times = seen.get(oldest.getKey());
            if (times != null) {
                times.remove(oldest.getValue());
                if (times.isEmpty()) {
                    seen.remove(oldest.getKey());
                }
            }
        }
    }

    /** How many Xids are remembered, to compare later ones with. */
    int remembered() {
        return seen.values().stream().mapToInt(t -> t.values().stream().mapToInt(List::size).sum()).sum();
    }

    /** Keeps {@code undo} for {@link #discard}; Xids given in replay order are never taken back, so nothing is kept. */
    private void undoable(Runnable undo) {
        if (!inOrder) {
            pending.add(undo);
        }
    }

    /** The Xids given since the last commit are final. */
    public void commit() {
        pending.clear();
    }

    /** The Xids given since the last commit are taken back (their input's records were dropped), the latest first. */
    public void discard() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            pending.get(i).run();
        }
        pending.clear();
    }

    /**
     * What the repeat {@code e} of the Xid {@code code} of {@code gpu}, read from {@code input}, says:
     * the first time for each pair of inputs; null after, as every repeat of that pair is the same.
     */
    public String saidOnce(int code, String gpu, Earlier e, String input) {
        return saidPairs.add(e.input() + "\0" + input) ? said(code, gpu, e) : null;
    }

    private static String said(int code, String gpu, Earlier e) {
        long micros = Math.abs(e.nanosBefore()) / 1000;
        return "Xid " + code + " of " + gpu + " is the one " + e.input() + " reported " + micros + " µs "
            + (e.nanosBefore() >= 0 ? "before" : "after") + " in the same boot: each Xid both inputs show is counted once, "
            + "as read first (the driver prints an Xid and fires its probes in one call, nvErrorLog; two logs of one boot "
            + "hold the same lines)";
    }
}
